/** Readiness: the database is checked by Quarkus itself; this adds the object store. */
package dev.ebpm.registry.health;
