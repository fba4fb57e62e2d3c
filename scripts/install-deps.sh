#!/usr/bin/env bash
# Installs the Debian packages ebpm needs, only those missing. Safe to run again.
#   clang-19, llvm-19 (llvm-strip-19): ecc compiles with Debian bookworm's newest clang (clang and llvm, 14,
#     stay for anything that asks for plain clang)
#   libbpf-dev, libbpf1, bpftool from bookworm-backports (libbpf 1.4.6, bpftool 7.5): the headers current BPF
#     sources are written against, the library ecli loads with, vmlinux.h generation; this adds the suite to
#     apt's sources (/etc/apt/sources.list.d/ebpm-backports.sources) when it is not there
#   maven, openjdk-17-jdk-headless: building ebpm
#   gcc: the tests and benchmarks build small C programs; iproute2 (tc, ip): the network tests check hooks
#   postgresql: registry-server's database; curl: scripts/services.sh waits for s3proxy with it
#   skopeo: an independent OCI client the registry tests push and pull with; docker-registry (distribution
#     2.8.2, no referrers API): a second registry the trust tests copy signed packages into
#   openssl, nodejs: independent verifiers of ebpm's signatures (openssl dgst; sigstore-js, see test-tools.sh);
#     libssl3: the libcrypto ecli checks signatures with (it falls back to the JDK's, slower cold, without it)
#   bubblewrap: the sandbox the compile worker runs clang in
#   haproxy: the load balancer in front of registry replicas (scripts/hub.sh start --replicas N)
#   chromium, chromium-driver: the catalog's browser tests (Selenium, headless)
#   prometheus, python3-prometheus-client: the metrics tests scrape ecli run --metrics with a real Prometheus
#     server and parse the exposition with the reference client's strict parser
#   lld-19, wasi-libc, libclang-rt-19-dev-wasm32: clang-19's wasm32-wasi target (linker, libc, builtins), which
#     builds WebAssembly modules for ecli
set -euo pipefail
packages=(clang llvm clang-19 llvm-19 maven openjdk-17-jdk-headless gcc iproute2 util-linux postgresql curl skopeo
  docker-registry openssl libssl3 nodejs bubblewrap haproxy chromium chromium-driver python3 lld-19 wasi-libc libclang-rt-19-dev-wasm32 prometheus python3-prometheus-client)
# From bookworm-backports, at least these versions.
backports=(libbpf-dev:1:1.4.6 libbpf1:1:1.4.6 bpftool:7.5.0)
backports_source=/etc/apt/sources.list.d/ebpm-backports.sources

installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}
at_least() { # package minimum-version
  installed "$1" && dpkg --compare-versions "$(dpkg-query -W -f='${Version}' "$1")" ge "$2"
}

missing=()
for p in "${packages[@]}"; do
  installed "$p" || missing+=("$p")
done
old=()
for pv in "${backports[@]}"; do
  p="${pv%%:*}"
  at_least "$p" "${pv#*:}" || old+=("$p")
done
if [ "${#missing[@]}" -eq 0 ] && [ "${#old[@]}" -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing packages: ${missing[*]} ${old[*]}; run as root (scripts/install-deps.sh)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if [ "${#old[@]}" -gt 0 ] && ! grep -rqs "bookworm-backports" /etc/apt/sources.list /etc/apt/sources.list.d/; then
  echo "install-deps: adding Debian's bookworm-backports suite to apt's sources ($backports_source)" >&2
  cat > "$backports_source" <<SOURCES
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
fi
apt-get update -q
if [ "${#missing[@]}" -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}" >&2
  apt-get install -y -q "${missing[@]}"
fi
if [ "${#old[@]}" -gt 0 ]; then
  echo "install-deps: installing ${old[*]} from bookworm-backports" >&2
  apt-get install -y -q -t bookworm-backports "${old[@]}"
fi
