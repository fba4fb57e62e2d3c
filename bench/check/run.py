#!/usr/bin/env python3
"""Benchmark of `ecli check`: how long it takes to say whether a package can run here, against `ecli run
--dry-run` of the same package (ecli's start-up and the package read, nothing probed), and against
`bpftool feature probe kernel` (every probe libbpf's bpftool makes), in the same rounds. Needs root (the
probes load programs).

Packages: sigsnoop (tracepoints only), tcpstates (CO-RE), and the fentry test fixture (the trampoline probe).
No target in the issue: the table reports.

Usage: bench/check/run.py [ROUNDS]
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 11


def sh(*cmd):
    subprocess.run(cmd, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def timed(cmd):
    t0 = time.monotonic()
    subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.monotonic() - t0) * 1000


if os.geteuid() != 0:
    raise SystemExit("bench/check/run.py: the probes load programs; run it as root")
if not os.path.exists(f"{ROOT}/ecli-client/target/ecli.jar"):
    sh("mvn", "-B", "-q", "package", "-DskipTests")
work = tempfile.mkdtemp()
packages = {}
for name, src in (("sigsnoop", "examples/sigsnoop"), ("tcpstates", "examples/tcpstates"),
                  ("unlinks (fentry)", "ecli-client/src/test/bpf")):
    base = "unlinks" if name.startswith("unlinks") else name
    sh("bin/ecc", "-o", f"{work}/{base}", f"{src}/{base}.bpf.c", f"{src}/{base}.h")
    packages[name] = f"{work}/{base}/package.json"
subprocess.run(["bin/ecli", "run", packages["sigsnoop"], "--duration", "0.2"], cwd=ROOT, capture_output=True)

rows = []
probe = [timed(["bpftool", "feature", "probe", "kernel"]) for _ in range(ROUNDS)]
for name, pkg in packages.items():
    check, dry = [], []
    for _ in range(ROUNDS):
        check.append(timed(["bin/ecli", "check", pkg]))
        dry.append(timed(["bin/ecli", "run", "--dry-run", pkg]))
    rows.append((name, statistics.median(check), statistics.median(dry)))
row = "{:<22} {:>14} {:>20} {:>8}"
print(row.format("package", "ecli check, ms", "run --dry-run, ms", "ratio"))
for name, c, d in rows:
    print(row.format(name, f"{c:.0f}", f"{d:.0f}", f"{c / d:.2f}x"))
print(f"bpftool feature probe kernel: {statistics.median(probe):.0f} ms (median of {ROUNDS})")
print(f"(medians of {ROUNDS}; {os.cpu_count()} cores; load average "
      f"{' '.join(open('/proc/loadavg').read().split()[:3])})")
