/** Reading the values of native SQL result rows, whose Java types depend on the JDBC driver. */
package dev.ebpm.registry.db;
