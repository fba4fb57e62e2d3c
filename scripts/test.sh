#!/usr/bin/env bash
# Runs every test of ebpm on this machine, installing what the tests need first.
# The kernel tests (JUnit tag "kernel") load eBPF programs and need root: without root this refuses to
# run rather than pass with nothing loaded. Where root is impossible, the rest runs with
#   mvn -B verify -DexcludedGroups=kernel      (not a full run: say so)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" -ne 0 ]; then
  echo "test.sh: the kernel tests load eBPF programs and need root; run: sudo scripts/test.sh" >&2
  echo "test.sh: (without root, 'mvn -B verify -DexcludedGroups=kernel' runs the others; that is not a full run)" >&2
  exit 1
fi
scripts/install-deps.sh
# sigstore-js, which the trust tests verify provenance bundles with (node modules, not a Debian package).
export EBPM_SIGSTORE_JS="$(scripts/test-tools.sh)"
# The registry tests use a real PostgreSQL and a real S3 server (s3proxy); start them once, here.
scripts/services.sh start
mvn -B verify "$@"
