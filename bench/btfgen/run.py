#!/usr/bin/env python3
"""Benchmark of `ecc --btfgen`: package size with minimized BTF packed for 10 kernels against the same package
without, and the compile time with and without, in the same run. No target in the issue: the table reports.

The 10 kernels are stand-ins: this machine has one kernel and no BTFHub, so its /sys/kernel/btf/vmlinux is laid
out 10 times under BTFHub paths (ubuntu, debian, centos, ... with made-up releases). Each minimized BTF is what
bpftool gen min_core_btf keeps of a full kernel BTF for the object, so the sizes are those of real kernels' of
the same type layout; real kernels of different versions differ a little in those types.

Usage: bench/btfgen/run.py [ROUNDS]
"""
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 3
KERNELS = [("ubuntu", "20.04", "5.4.0-42-generic"), ("ubuntu", "18.04", "4.15.0-20-generic"),
           ("ubuntu", "22.04", "5.15.0-25-generic"), ("debian", "10", "4.19.0-20-amd64"),
           ("debian", "11", "5.10.0-18-amd64"), ("centos", "7", "3.10.0-1160.el7.x86_64"),
           ("centos", "8", "4.18.0-348.el8.x86_64"), ("fedora", "34", "5.11.12-300.fc34.x86_64"),
           ("amzn", "2", "5.10.93-87.444.amzn2.x86_64"), ("ol", "8", "5.4.17-2136.300.7.el8uek.x86_64")]


def ecc(out, src, name, extra):
    t0 = time.monotonic()
    subprocess.run(["bin/ecc", "-o", out, f"{src}/{name}.bpf.c", f"{src}/{name}.h"] + extra, cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.monotonic() - t0) * 1000


if not os.path.exists(f"{ROOT}/compiler-worker/target/ecc.jar") and not os.path.exists(f"{ROOT}/bin/ecc"):
    raise SystemExit("build ebpm first: mvn -B -q package -DskipTests")
work = tempfile.mkdtemp()
archive = f"{work}/btfhub"
for distro, version, release in KERNELS:
    d = f"{archive}/{distro}/{version}/x86_64"
    os.makedirs(d, exist_ok=True)
    shutil.copyfile("/sys/kernel/btf/vmlinux", f"{d}/{release}.btf")
full = os.path.getsize("/sys/kernel/btf/vmlinux")

row = "{:<11} {:>11} {:>17} {:>7} {:>19} {:>18} {:>8} {:>16}"
print(row.format("example", ".ebpm, bytes", "+10 kernels, bytes", "ratio", "10 min. BTF, bytes", "btfgen .tar, bytes",
                 "ecc, ms", "ecc --btfgen, ms"))
for name in ("sigsnoop", "opensnoop", "tcpstates", "runqlat", "execsnoop"):
    src = f"examples/{name}"
    plain, packed = [], []
    for r in range(ROUNDS):
        plain.append(ecc(f"{work}/{name}-plain", src, name, []))
        packed.append(ecc(f"{work}/{name}-btf", src, name, ["--btfgen", archive]))
    a = os.path.getsize(f"{work}/{name}-plain/{name}.ebpm")
    b = os.path.getsize(f"{work}/{name}-btf/{name}.ebpm")
    t = os.path.getsize(f"{work}/{name}-btf/{name}.tar")
    with tarfile.open(f"{work}/{name}-btf/{name}.tar") as tar:
        m = sum(e.size for e in tar.getmembers() if e.name.startswith("btfhub-archive/"))
    print(row.format(name, f"{a:,}", f"{b:,}", f"{b / a:.2f}x", f"{m:,}", f"{t:,}", f"{statistics.median(plain):.0f}",
                     f"{statistics.median(packed):.0f}"))
print(f"(a full kernel BTF here is {full:,} bytes; 10 stand-in kernels, all copies of this one, so zstd in the "
      f".ebpm finds them alike: for 10 distinct kernels expect up to the minimized sizes added; medians of {ROUNDS} "
      f"compiles; {os.cpu_count()} cores)")
shutil.rmtree(work)
