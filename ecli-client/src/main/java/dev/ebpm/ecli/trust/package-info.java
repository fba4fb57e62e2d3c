/**
 * Whether a package may run: the trust policy ({@link TrustPolicy}, from {@code policy.toml}), the
 * signatures and provenance gathered from a registry and cached with the package ({@link EvidenceFetcher}),
 * the gate every run and pull passes before a BPF object is opened ({@link TrustGate}), and the user's
 * own keys and signatures ({@link KeyFiles}, {@link PackageSigner}). Verification is offline: keys and
 * cached evidence only.
 */
package dev.ebpm.ecli.trust;
