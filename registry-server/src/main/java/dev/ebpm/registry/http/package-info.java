/**
 * The HTTP edge every request passes: path and query parameters parsed into typed values
 * ({@link dev.ebpm.registry.http.TypedParams}), NUL refused in URLs and JSON bodies, the route patterns the
 * resources share, and the one mapping of every failure to the error envelope. Depends on {@code error},
 * {@code reference}, {@code storage} and {@code db}, never on a service package.
 */
package dev.ebpm.registry.http;
