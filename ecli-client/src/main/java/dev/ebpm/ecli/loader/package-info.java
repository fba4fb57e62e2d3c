/** Loading a package into the kernel: preflight checks, the open and loaded object, values and map data, attach planning. */
package dev.ebpm.ecli.loader;
