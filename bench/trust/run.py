#!/usr/bin/env python3
"""The cost of verifying signatures on a cached run: `ecli run PKG --duration 0 --offline` with
`--verify require` (policy, cached evidence, ECDSA verification of a publisher signature and the hub's
provenance) against `--verify off`, alternated in the same run, on a package signed by a generated key and
built by the local hub. Needs root (the run loads the program) and the hub (scripts/hub.sh start is run; it
is stopped while timing, since the runs are offline and its background work is noise, and started again).
The same pair with --dry-run (no kernel work) isolates the part before loading.
Target: require - off <= 10 ms (median of the --duration 0 runs).

Usage: bench/trust/run.py [ROUNDS]
"""
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 21
URL = "http://localhost:" + os.environ.get("EBPM_PORT", "8080")
ECLI = os.path.join(ROOT, "bin", "ecli")

if os.geteuid() != 0:
    raise SystemExit("bench/trust/run.py loads BPF programs: run it as root")
subprocess.run([os.path.join(ROOT, "scripts", "hub.sh"), "start"], check=True, cwd=ROOT)
# One bench user for every run (its key, policy and cache in .run/), so reruns publish nothing new.
home = os.path.join(ROOT, ".run", "bench-trust")
os.makedirs(home, exist_ok=True)
env = dict(os.environ, XDG_CONFIG_HOME=home + "/config", XDG_CACHE_HOME=home + "/cache", ECLI_REGISTRY=URL)


def ecli(*args, check=True):
    return subprocess.run([ECLI, *args], env=env, check=check, capture_output=True, text=True)


with open(os.path.join(ROOT, ".run", "admin-token")) as f:
    ecli("login", URL, "--token", f.read().strip())
ref = "bench/trust-sigsnoop@1.0.0"
if not os.path.exists(home + "/config/ebpm/keys/bench.key"):
    ecli("key", "generate", "--name", "bench")
    ecli("key", "trust", home + "/config/ebpm/keys/bench.pub")
    ecli("key", "trust", "--hub")
if ecli("pull", ref, check=False).returncode != 0:
    ecli("push", os.path.join(ROOT, "examples", "sigsnoop"), "bench/trust-sigsnoop:1.0.0",
         "--sign", home + "/config/ebpm/keys/bench.key", "--timeout", "300")
    ecli("pull", ref)
verified = ecli("verify", ref, "--offline").stdout
if "provenance  verified" not in verified or "signature   verified" not in verified:
    raise SystemExit("the bench package does not verify:\n" + verified)


def once(mode, dry=False):
    start = time.perf_counter()
    r = ecli("run", ref, *(["--dry-run"] if dry else ["--duration", "0"]), "--offline", "--verify", mode, check=False)
    took = (time.perf_counter() - start) * 1000
    if r.returncode != 0:
        raise SystemExit(f"ecli run --verify {mode} failed: {r.stderr.strip()}")
    return took


subprocess.run([os.path.join(ROOT, "scripts", "hub.sh"), "stop"], check=True, cwd=ROOT)
try:
    once("off"), once("require")  # warm the page cache and the CDS archive
    times = {k: [] for k in ("off", "require", "off dry", "require dry")}
    for i in range(ROUNDS):
        for mode in (("off", "require") if i % 2 == 0 else ("require", "off")):
            times[mode].append(once(mode))
            times[mode + " dry"].append(once(mode, dry=True))
finally:
    subprocess.run([os.path.join(ROOT, "scripts", "hub.sh"), "start"], check=True, cwd=ROOT)

print(f"cached `ecli run {ref} --offline`, {ROUNDS} alternated rounds each")
print(f"{'mode':<14}{'median ms':>12}{'p10 ms':>10}{'p90 ms':>10}")
for mode, t in times.items():
    t = sorted(t)
    print(f"{mode:<14}{statistics.median(t):>12.1f}{t[len(t) // 10]:>10.1f}{t[(len(t) * 9) // 10]:>10.1f}")
off, req = statistics.median(times["off"]), statistics.median(times["require"])
dry = statistics.median(times["require dry"]) - statistics.median(times["off dry"])
print(f"verification cost, --duration 0: {req - off:+.1f} ms (require / off = {req / off:.3f}); with --dry-run: "
      f"{dry:+.1f} ms; target <= 10 ms: {'met' if req - off <= 10 else 'NOT met'}")
