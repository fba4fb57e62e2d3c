/** eunomia-bpf's package meta as records; each reads and writes its own JSON and keeps unknown keys. */
package dev.ebpm.format.meta;
