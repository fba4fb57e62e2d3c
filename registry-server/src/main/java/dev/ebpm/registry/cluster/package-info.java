/**
 * Replicas side by side on one PostgreSQL: what one replica changes, the others' in-memory copies forget.
 * A change is announced with {@code pg_notify} inside the transaction that makes it, so PostgreSQL delivers
 * it exactly when (and only if) that transaction commits; every replica listens on one connection and turns
 * other replicas' notices into {@link dev.ebpm.registry.cluster.ClusterChange} events. A replica that lost
 * its listening connection may have missed notices, so once it listens again it forgets everything.
 * Depends on nothing else in the registry: the caches observe the events.
 */
package dev.ebpm.registry.cluster;
