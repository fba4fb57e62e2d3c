"""What the ecli benchmarks share: starting a loader until it says its programs are attached, and reading the
event count and first-to-last span it reports when it ends (the C loader and modules print "events N SECONDS",
ecli --verbose "ecli: printed N events in S s")."""
import signal
import subprocess
import time


def start(cmd, cwd):
    """Starts a loader; returns (process, seconds from start until it said its programs are attached)."""
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for line in p.stderr:
        if line.startswith("attached") or line.startswith("ecli: running"):
            return p, time.monotonic() - t0
    raise SystemExit("loader ended before attaching: " + " ".join(cmd))


def results(p, interrupt=True, timeout=600):
    """(events, first-to-last seconds) from the loader's last words; SIGINT first unless it ends by itself."""
    if interrupt:
        p.send_signal(signal.SIGINT)
    events, span = 0, 0.0
    for line in p.stderr:
        words = line.split()
        if line.startswith("events "):
            events, span = int(words[1]), float(words[2])
        elif line.startswith("ecli: printed "):
            events, span = int(words[2]), float(words[5])
    p.wait(timeout=timeout)
    return events, span
