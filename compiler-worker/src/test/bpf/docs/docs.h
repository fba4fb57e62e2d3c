#ifndef DOCS_H
#define DOCS_H
/// A comment in a header: ecc ignores it, as eunomia does.
struct doc_sample {
	int pid;
	char comm[16];
};
/// Not exported: unions do not count.
union other { int a; };
#endif
