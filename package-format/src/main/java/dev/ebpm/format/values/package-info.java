/** Values in BTF-typed memory: encoding JSON into it (flags, map data), decoding it for output and help. */
package dev.ebpm.format.values;
