/**
 * Who may write: {@code ebpm_} tokens stored only as SHA-256, each with scopes ({@code admin},
 * {@code worker}, {@code publish:<pattern>}, {@code yank:<pattern>}) and an optional expiry; the guard that
 * checks them on every write (REST as a Bearer token, OCI as the Basic-auth password); and the per-token
 * rate limiter kept in PostgreSQL. Reads are anonymous.
 */
package dev.ebpm.registry.auth;
