/**
 * {@code ecli run --metrics}: what a running package reports, served to Prometheus with no configuration, since
 * ecli knows every field's type and every sampled map's layout. {@link dev.ebpm.ecli.metrics.RunMetrics} is the
 * one entry point a run uses; the Prometheus library (model, text formats, HTTP server) is reached only through
 * this package, so a run without {@code --metrics} never loads it.
 */
package dev.ebpm.ecli.metrics;
