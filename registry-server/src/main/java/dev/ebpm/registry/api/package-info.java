/**
 * The REST API under {@code /api/v1}: thin resources that map HTTP to one service call and back. Names
 * may hold one namespace ({@code tools/sigsnoop}), so everything below a package sits after a {@code /-/}
 * separator, which no package name can contain.
 */
package dev.ebpm.registry.api;
