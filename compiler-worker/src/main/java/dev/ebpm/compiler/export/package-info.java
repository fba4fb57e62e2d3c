/** Export types: the structs of the export header, forced into BTF and selected from it. */
package dev.ebpm.compiler.export;
