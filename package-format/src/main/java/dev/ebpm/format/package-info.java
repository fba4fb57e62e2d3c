/** Package files: eunomia-bpf's package.json/package.yaml and ebpm's .ebpm archive, with their digests and identity. */
package dev.ebpm.format;
