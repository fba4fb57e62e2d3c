#!/bin/sh
# Part of the class-data-sharing training (see pom.xml): signs the imported training package the way a
# publisher and a hub would (a cosign simple-signing payload, and an in-toto statement in a DSSE bundle),
# with a throwaway openssl key, and writes the evidence and a policy that requires them into the training
# cache and config, so the cached dry run verifies both and the classes of verification are archived.
# Run in target/. Without openssl it does nothing (the archive then lacks those classes; runs still work).
set -eu
command -v openssl >/dev/null || exit 0
d=training-trust
rm -rf "$d" training-config/ebpm/policy.toml
mkdir -p "$d" training-config/ebpm/keys training-cache/ebpm/trust/evidence
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$d/key.pem" 2>/dev/null
openssl pkey -in "$d/key.pem" -pubout -out training-config/ebpm/keys/training.pub
digest="$(head -1 training-cache/ebpm/refs/*/training/0.1.0)"
hex="${digest#sha256:}"
fp="$(openssl pkey -pubin -in training-config/ebpm/keys/training.pub -outform DER | sha256sum | cut -d' ' -f1)"
printf '{"critical":{"identity":{"docker-reference":"training"},"image":{"docker-manifest-digest":"%s"},"type":"cosign container image signature"},"optional":null}' \
  "$digest" > "$d/payload"
openssl dgst -sha256 -sign "$d/key.pem" -out "$d/payload.sig" "$d/payload"
h=0000000000000000000000000000000000000000000000000000000000000000
printf '{"_type":"https://in-toto.io/Statement/v1","predicate":{"buildDefinition":{"buildType":"https://ebpm.dev/build/ecc/v1","externalParameters":{"package":"training","version":"0.1.0"},"internalParameters":{"sandbox":{},"tools":{},"worker":"training"},"resolvedDependencies":[{"digest":{"sha256":"%s"},"mediaType":"application/vnd.ebpm.sources.v1.tar+gzip","uri":"ebpm-build:training/sources"}]},"runDetails":{"builder":{"id":"training"},"byproducts":[{"digest":{"sha256":"%s"},"name":"object.bpf.o"}],"metadata":{"invocationId":"training"}}},"predicateType":"https://slsa.dev/provenance/v1","subject":[{"digest":{"sha256":"%s"},"name":"training"}]}' \
  "$h" "$h" "$hex" > "$d/statement"
type="application/vnd.in-toto+json"
{ printf 'DSSEv1 %s %s %s ' "${#type}" "$type" "$(wc -c < "$d/statement")"; cat "$d/statement"; } > "$d/pae"
openssl dgst -sha256 -sign "$d/key.pem" -out "$d/pae.sig" "$d/pae"
bundle="$(printf '{"dsseEnvelope":{"payload":"%s","payloadType":"%s","signatures":[{"keyid":"%s","sig":"%s"}]},"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json","verificationMaterial":{"publicKey":{"hint":"%s"},"tlogEntries":[],"timestampVerificationData":{}}}' \
  "$(base64 -w0 "$d/statement")" "$type" "$fp" "$(base64 -w0 "$d/pae.sig")" "$fp" | base64 -w0)"
printf '{"bundles":["%s"],"signatures":[{"key":"%s","origin":"training","payload":"%s","signature":"%s"}],"unreadable":[]}' \
  "$bundle" "$fp" "$(base64 -w0 "$d/payload")" "$(base64 -w0 "$d/payload.sig")" > "training-cache/ebpm/trust/evidence/$hex.json"
printf '[[rule]]\nregistry = "*"\nmode = "require"\nkeys = ["keys/training.pub"]\n' > training-config/ebpm/policy.toml
