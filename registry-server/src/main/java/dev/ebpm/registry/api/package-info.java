/**
 * The REST API under {@code /api/v1}: thin resources that map HTTP to one service call and back. Names
 * may hold one namespace ({@code tools/sigsnoop}), so everything below a package sits after a {@code /-/}
 * separator, which no package name can contain. Resources take their services as {@code @Inject} fields (they
 * are only ever made by the container); services take theirs as constructor parameters, so unit tests can
 * make them with stand-ins such as an in-memory object store.
 */
package dev.ebpm.registry.api;
