#!/usr/bin/env bash
# Installs the Debian packages ebpm needs, only those missing. Safe to run again.
#   clang, llvm (llvm-strip), libbpf-dev (bpf_helpers.h), bpftool: compiling eBPF programs (ecc)
#   maven, openjdk-17-jdk-headless: building ebpm
#   gcc: the tests and benchmarks build small C programs; iproute2 (tc, ip): the network tests check hooks
#   postgresql: registry-server's database; curl: scripts/services.sh waits for s3proxy with it
#   skopeo: an independent OCI client the registry tests push and pull with
#   bubblewrap: the sandbox the compile worker runs clang in
#   chromium, chromium-driver: the catalog's browser tests (Selenium, headless)
set -euo pipefail
packages=(clang llvm libbpf-dev bpftool maven openjdk-17-jdk-headless gcc iproute2 util-linux postgresql curl skopeo bubblewrap chromium chromium-driver python3)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing packages: ${missing[*]}; run as root or: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q "${missing[@]}"
