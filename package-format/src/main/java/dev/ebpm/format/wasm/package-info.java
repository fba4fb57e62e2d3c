/**
 * wasm-bpf modules as ebpm handles them: the bounds every reader applies, the file name eunomia's tools
 * give a module, and the OCI media types a module is published with (those of eunomia's ecli and ORAS).
 */
package dev.ebpm.format.wasm;
