/** Package names (OCI repository rules) and semantic versions. */
package dev.ebpm.format.reference;
