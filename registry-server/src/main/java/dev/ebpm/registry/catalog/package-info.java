/**
 * The catalog: packages, their immutable versions and movable tags, resolving a reference (version, tag,
 * {@code latest}, digest) to a version, yanking, search and download counts. Entities stay here; the
 * API sees the {@code *View} records.
 */
package dev.ebpm.registry.catalog;
