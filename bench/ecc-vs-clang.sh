#!/usr/bin/env bash
# Benchmark: wall time of `ecc` on each example against the bare commands it wraps (clang -g -O2 -target bpf -mcpu=v3
# ... && llvm-strip -g), measured in the same run, interleaved, median of N runs. Target: ecc <= 1.2x.
# ecc's caches (vmlinux.h, precompiled headers, class-data archive) are warmed first, as on a developer's
# machine after the first build. Usage: bench/ecc-vs-clang.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-7}"
[ -f compiler-worker/target/compiler-worker.jar ] || mvn -B -q package -DskipTests
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

# The clang ecc uses: clang-19 with llvm-strip-19 when both are installed, else clang (Toolchain.java).
clang=clang; strip=llvm-strip
if command -v clang-19 >/dev/null && command -v llvm-strip-19 >/dev/null; then clang=clang-19; strip=llvm-strip-19; fi
arch=x86
case "$(uname -m)" in aarch64) arch=arm64 ;; riscv64) arch=riscv ;; s390x) arch=s390 ;; ppc64le) arch=powerpc ;; esac
sysinc=()
while read -r d; do sysinc+=(-idirafter "$d"); done < <("$clang" -v -E -x c /dev/null -o /dev/null 2>&1 \
  | sed -n '/#include <...> search starts here:/,/End of search list./p' | grep '^ ')

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

examples=()
for dir in examples/*/; do
  n="$(basename "$dir")"; [ -f "$dir/$n.bpf.c" ] && examples+=("$n")
done

# Warm-up: fills ecc's caches, and tells us where the generated vmlinux.h lives.
for n in "${examples[@]}"; do
  h=(); [ -f "examples/$n/$n.h" ] && h=("examples/$n/$n.h")
  bin/ecc -o "$out/$n" "examples/$n/$n.bpf.c" "${h[@]}" >/dev/null 2>&1
done
vmlinux_dir="$(dirname "$(ls -t "${XDG_CACHE_HOME:-$HOME/.cache}"/ebpm/ecc/vmlinux/*/vmlinux.h | head -1)")"

printf '%-14s %10s %16s %7s\n' example "ecc ms" "clang+strip ms" ratio
total_ecc=0; total_bare=0
for n in "${examples[@]}"; do
  src="examples/$n"; h=(); [ -f "$src/$n.h" ] && h=("$src/$n.h")
  ecc_t=(); bare_t=()
  for ((i = 0; i < runs; i++)); do
    t0=$(now_ms)
    bin/ecc -o "$out/$n" "$src/$n.bpf.c" "${h[@]}" >/dev/null 2>&1
    t1=$(now_ms)
    (cd "$src" && "$clang" -g -O2 -target bpf -mcpu=v3 -Wno-unknown-attributes -D__TARGET_ARCH_$arch -I. -I"$vmlinux_dir" \
      "${sysinc[@]}" -c "$n.bpf.c" -o "$out/$n.bare.o" && "$strip" -g "$out/$n.bare.o")
    t2=$(now_ms)
    ecc_t+=($((t1 - t0))); bare_t+=($((t2 - t1)))
  done
  e=$(printf '%s\n' "${ecc_t[@]}" | median); b=$(printf '%s\n' "${bare_t[@]}" | median)
  total_ecc=$((total_ecc + e)); total_bare=$((total_bare + b))
  printf '%-14s %10d %16d %7s\n' "$n" "$e" "$b" "$(awk -v e="$e" -v b="$b" 'BEGIN {printf "%.2fx", e / b}')"
done
printf '%-14s %10d %16d %7s\n' total "$total_ecc" "$total_bare" \
  "$(awk -v e="$total_ecc" -v b="$total_bare" 'BEGIN {printf "%.2fx", e / b}')"
echo "($clang, $strip) target: ecc <= 1.20x the bare clang + llvm-strip commands (median of $runs runs each, $(nproc) cores)"
