/** Values in BTF-typed memory: encoding JSON into it, decoding it for output. */
package dev.ebpm.ecli.values;
