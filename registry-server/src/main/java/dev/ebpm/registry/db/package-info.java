/**
 * Facts about the database that several packages need: the Java values of native SQL result rows (whose
 * types depend on the JDBC driver) and whether a failure means the database could not be reached.
 * Depends on no other registry package.
 */
package dev.ebpm.registry.db;
