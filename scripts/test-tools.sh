#!/usr/bin/env bash
# Installs the independent verifiers the trust tests check ebpm's signatures with, once, into .tools/:
#   sigstore-js (npm "sigstore" 5.x: @sigstore/verify, @sigstore/bundle), which verifies the hub's provenance
#   bundles with the hub's public key alone. openssl (Debian) checks the cosign-format signatures.
# Prints the node_modules directory to use as NODE_PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=.tools/sigstore-js
want="5.0.1"
if [ ! -f "$dir/node_modules/sigstore/package.json" ] || ! grep -q "\"version\": \"$want\"" "$dir/node_modules/sigstore/package.json"; then
  if ! command -v npm >/dev/null; then
    echo "test-tools: npm is missing; installing Debian's npm" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q npm >&2
  fi
  echo "test-tools: installing sigstore-js $want into $dir" >&2
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-audit --no-fund --silent "sigstore@$want" >&2
fi
echo "$PWD/$dir/node_modules"
