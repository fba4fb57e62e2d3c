/**
 * One error vocabulary for every endpoint: {@link dev.ebpm.registry.error.ApiException} carries the status,
 * an OCI-style code and a one-line message, and every response body is {@code {"errors":[{code,message}]}},
 * the OCI Distribution shape, so REST and OCI clients read errors the same way. Depends on nothing; the
 * mapping of failures to responses is {@code http}'s.
 */
package dev.ebpm.registry.error;
