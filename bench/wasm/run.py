#!/usr/bin/env python3
"""wasm-bpf modules against the declarative path, on the same BPF object (bench/ecli/ringbench.bpf.c) in the
same run. Needs root.

1. ring buffer: a generator makes N events as fast as it can; rate = events / (first to last event), each
   loader's own count and span:
   - declarative: `ecli run --json PKG`, which decodes every event and writes a JSON line to /dev/null;
   - module: bench/wasm/ringwasm.c, built by ecc --wasm, which reads every event's fields in its callback
     through wasm_bpf_buffer_poll (what "delivered into a module" costs);
   - module, json: the same module also formatting every event with printf (wasi-libc, compiled wasm);
   each module under Chicory's compiler (the default) and, for the first, its interpreter.
   Target: module >= 50% of declarative.
2. start-up: process start -> attached (ecli's "ecli: running"; the module's "attached"), median of ROUNDS.

Usage: bench/wasm/run.py [ROUNDS] [BURST_EVENTS]
"""
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "bench", "lib"))
import loaders  # noqa: E402
ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 5
BURST = int(sys.argv[2]) if len(sys.argv) > 2 else 500_000


def sh(*cmd, **kw):
    subprocess.run(cmd, check=True, cwd=ROOT, **kw)


def start(cmd):
    return loaders.start(cmd, ROOT)


def finish(p, interrupt):
    """A module says its count and exits by itself; ecli says it on SIGINT."""
    return loaders.results(p, interrupt)


def rate(loader, interrupt, count):
    gen = subprocess.Popen([GEN, str(count), "0"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    pid = gen.stdout.readline().strip()
    p, _ = start(loader(pid, count))
    gen.stdin.write("go\n")
    gen.stdin.flush()
    gen.stdout.readline()
    gen.wait()
    if interrupt:
        time.sleep(1.0)
    got, span = finish(p, interrupt)
    return (got / span if span > 0 else 0), got


work = tempfile.mkdtemp()
if not (os.path.exists(f"{ROOT}/ecli-client/target/ecli.jar") and os.path.exists(f"{ROOT}/compiler-worker/target/compiler-worker.jar")):
    sh("mvn", "-B", "-q", "package", "-DskipTests")
GEN = f"{work}/gen"
sh("gcc", "-O2", "-Wall", "-o", GEN, "bench/ecli/gen.c")
sh("bin/ecc", "-o", f"{work}/pkg", "bench/ecli/ringbench.bpf.c", "bench/ecli/ringbench.h", stderr=subprocess.DEVNULL)
sh("bin/ecc", "-o", f"{work}/wasm", "bench/ecli/ringbench.bpf.c", "bench/ecli/ringbench.h", "--wasm",
   "bench/wasm/ringwasm.c", stderr=subprocess.DEVNULL)
PKG, MODULE = f"{work}/pkg/package.json", f"{work}/wasm/app.wasm"
subprocess.run(["bin/ecli", "run", PKG, "--duration", "0.5"], cwd=ROOT, capture_output=True)  # ecli's CDS archive

declarative = lambda pid, n: ["bin/ecli", "run", "--json", "--verbose", PKG, "--target_pid", pid]
module = lambda engine, extra: (lambda pid, n: ["bin/ecli", "run", "--wasm-engine", engine, MODULE, pid, str(n)]
                                + extra)
cases = [("declarative (ecli --json)", declarative, True, BURST),
         ("module, fields read (compiler)", module("compiler", []), False, BURST),
         ("module, fields read (interpreter)", module("interpreter", []), False, BURST // 5),
         ("module, printf JSON (compiler)", module("compiler", ["json"]), False, BURST // 10)]
rates = {name: [] for name, *_ in cases}
for _ in range(max(1, (ROUNDS + 1) // 2)):
    for name, loader, interrupt, count in cases:
        r, got = rate(loader, interrupt, count)
        rates[name].append(r)

starts = {"declarative": [], "module (compiler)": [], "module (interpreter)": []}
for _ in range(ROUNDS):
    for name, cmd in (("declarative", ["bin/ecli", "run", PKG, "--target_pid", "1"]),
                      ("module (compiler)", ["bin/ecli", "run", MODULE, "1", "0"]),
                      ("module (interpreter)", ["bin/ecli", "run", "--wasm-engine", "interpreter", MODULE, "1", "0"])):
        p, seconds = start(cmd)
        p.send_signal(signal.SIGTERM)
        p.wait(timeout=30)
        starts[name].append(seconds * 1000)

base = statistics.median(rates[cases[0][0]])
row = "{:<44} {:>14} {:>8}  {}"
print(row.format("ring buffer, events/s (median)", "rate", "ratio", "target"))
for name, _, _, count in cases:
    r = statistics.median(rates[name])
    print(row.format(f"{name}, {count} events", f"{r:,.0f}", f"{100 * r / base:.0f}%",
                     ">= 50%" if name.startswith("module, fields read (compiler)") else ""))
print()
sbase = statistics.median(starts["declarative"])
print(row.format(f"start -> attached, ms (median of {ROUNDS})", "ms", "ratio", ""))
for name, values in starts.items():
    s = statistics.median(values)
    print(row.format(name, f"{s:.0f}", f"{s / sbase:.2f}x", ""))
print(f"({os.cpu_count()} cores; load average {' '.join(open('/proc/loadavg').read().split()[:3])})")
