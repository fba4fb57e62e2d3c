/**
 * ebpm's registry API over HTTP, as its two clients (ecli and the compile worker) speak it: requests against
 * a base URL, bodies read with a cap and hashed as they arrive, and the registry's error envelope
 * ({@code {"errors":[{"code","message"}]}}) decoded into an {@link dev.ebpm.format.http.ApiError}. Each
 * client turns a {@link dev.ebpm.format.http.RegistryCallException} into its own errors.
 */
package dev.ebpm.format.http;
