/**
 * Publishing a version: validating the package and deriving its catalog metadata from the blobs (never
 * from the request), storing the blobs, then writing the rows in one transaction where the version number
 * is taken at most once and tags move with it.
 */
package dev.ebpm.registry.publish;
