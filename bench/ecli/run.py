#!/usr/bin/env python3
"""Benchmarks of `ecli run` against a small C libbpf loader (bench/ecli/cloader.c), built here and run on the
same BPF object in the same run. Needs root.

1. start-up: process start -> all programs attached (ecli's "ecli: running", the C loader's "attached"), the
   package on local disk. Target: ecli <= 8x the C loader.
2. ring buffer: a generator makes N events as fast as it can; each loader decodes them and writes JSON lines to
   /dev/null; rate = events / (first to last event). Target: ecli >= 80% of the C loader.
3. drops: the generator paced at 100k events/s for 5 s into the 16 MiB ring; every event must arrive.

4. with --baseline DIR (another checkout of ebpm, built): its ecli's start-up in the same rounds, so a change
   can be compared with what came before it in one run.

Usage: bench/ecli/run.py [ROUNDS] [BURST_EVENTS] [--baseline DIR]
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "bench", "lib"))
import loaders  # noqa: E402
args = sys.argv[1:]
BASELINE = None
if "--baseline" in args:
    i = args.index("--baseline")
    BASELINE = os.path.abspath(args[i + 1])
    del args[i:i + 2]
    if not os.path.exists(f"{BASELINE}/ecli-client/target/ecli.jar"):
        raise SystemExit(f"--baseline {BASELINE}: not a built ebpm checkout (no ecli-client/target/ecli.jar)")
ROUNDS = int(args[0]) if len(args) > 0 else 7
BURST = int(args[1]) if len(args) > 1 else 1_000_000


def sh(*cmd, **kw):
    subprocess.run(cmd, check=True, cwd=ROOT, **kw)


def start_loader(cmd):
    return loaders.start(cmd, ROOT)


def stop_loader(p):
    return loaders.results(p, timeout=30)


def run_events(loader, count, rate):
    gen = subprocess.Popen([GEN, str(count), str(rate)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    pid = gen.stdout.readline().strip()
    p, _ = start_loader(loader(pid))
    gen.stdin.write("go\n")
    gen.stdin.flush()
    made = int(gen.stdout.readline().split()[0])
    gen.wait()
    time.sleep(1.0)
    got, span = stop_loader(p)
    return got, span, made


work = tempfile.mkdtemp()
if not (os.path.exists(f"{ROOT}/ecli-client/target/ecli.jar") and os.path.exists(f"{ROOT}/compiler-worker/target/compiler-worker.jar")):
    sh("mvn", "-B", "-q", "package", "-DskipTests")
CLOADER, GEN = f"{work}/cloader", f"{work}/gen"
sh("gcc", "-O2", "-Wall", "-o", CLOADER, "bench/ecli/cloader.c", "-lbpf")
sh("gcc", "-O2", "-Wall", "-o", GEN, "bench/ecli/gen.c")
sh("bin/ecc", "-o", f"{work}/pkg", "bench/ecli/ringbench.bpf.c", "bench/ecli/ringbench.h", stderr=subprocess.DEVNULL)
PKG, OBJ = f"{work}/pkg/package.json", f"{work}/pkg/ringbench.bpf.o"
subprocess.run(["bin/ecli", "run", PKG, "--duration", "0.5"], cwd=ROOT, capture_output=True)  # records ecli's CDS archive

c_loader = lambda pid: [CLOADER, OBJ, pid, "ringbench_bpf"]
# --verbose makes ecli report its event count and span at the end, which the rate runs need; it also echoes
# libbpf's debug messages, which the C loader does not print, so start-up is timed without it.
java_loader = lambda pid: ["bin/ecli", "run", "--json", "--verbose", PKG, "--target_pid", pid]
java_quiet = lambda pid: ["bin/ecli", "run", "--json", PKG, "--target_pid", pid]
contenders = [("c", c_loader), ("java", java_quiet)]
if BASELINE:
    subprocess.run([f"{BASELINE}/bin/ecli", "run", PKG, "--duration", "0.5"], cwd=ROOT, capture_output=True)
    contenders.append(("before", lambda pid: [f"{BASELINE}/bin/ecli", "run", "--json", PKG, "--target_pid", pid]))

starts = {kind: [] for kind, _ in contenders}
for _ in range(ROUNDS):
    for kind, loader in contenders:
        p, seconds = start_loader(loader("0"))
        stop_loader(p)
        starts[kind].append(seconds * 1000)

rates = {"c": [], "java": []}
for _ in range(max(1, (ROUNDS + 1) // 2)):
    for kind, loader in (("c", c_loader), ("java", java_loader)):
        got, span, made = run_events(loader, BURST, 0)
        rates[kind].append(got / span if span > 0 else 0)

lost = {}
for kind, loader in (("c", c_loader), ("java", java_loader)):
    got, _, made = run_events(loader, 500_000, 100_000)
    lost[kind] = made - got

cs, js = statistics.median(starts["c"]), statistics.median(starts["java"])
cr, jr = statistics.median(rates["c"]), statistics.median(rates["java"])
row = "{:<48} {:>12} {:>12} {:>8}  {}"
print(row.format("measure", "C loader", "ecli", "ratio", "target"))
print(row.format(f"start -> attached, ms (median of {ROUNDS})", f"{cs:.0f}", f"{js:.0f}", f"{js / cs:.1f}x", "<= 8x"))
print(row.format(f"ring buffer -> JSON, events/s ({BURST} events)", f"{cr:,.0f}", f"{jr:,.0f}", f"{100 * jr / cr:.0f}%",
                 ">= 80%"))
print(row.format("lost at 100k events/s, 16 MiB ring", lost["c"], lost["java"], "", "0"))
if BASELINE:
    bs = statistics.median(starts["before"])
    print()
    print(row.format(f"ecli against {BASELINE}", "before", "this", "ratio", "target"))
    print(row.format(f"start -> attached, ms (median of {ROUNDS})", f"{bs:.0f}", f"{js:.0f}", f"{js / bs:.2f}x",
                     "<= 1.00x"))
print(f"({os.cpu_count()} cores; load average {' '.join(open('/proc/loadavg').read().split()[:3])})")
