/**
 * Who vouches for a package, in formats other tools read: ECDSA P-256 keys in PEM ({@link PublicKeyPem},
 * {@link SigningKey}), cosign's simple-signing payloads and signature artifacts ({@link SimpleSigning},
 * {@link CosignArtifacts}), DSSE envelopes in sigstore bundles v0.3 ({@link Dsse}, {@link SigstoreBundle}),
 * and the one verifier the registry and ecli share ({@link TrustVerifier}). Everything here reads untrusted
 * bytes: sizes are capped and every field is checked before use.
 */
package dev.ebpm.format.trust;
