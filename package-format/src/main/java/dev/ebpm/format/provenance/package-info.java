/**
 * What a hub build attests: the environment a worker compiled in ({@link BuildEnvironment}, sent with its
 * report) and the in-toto statement with a SLSA provenance v1 predicate the registry signs for each built
 * version ({@link BuildProvenance}), read back by ecli to show and to rebuild.
 */
package dev.ebpm.format.provenance;
