#!/usr/bin/env python3
"""One timed boot of an OS tree: os-boot.py COMMAND...

Starts COMMAND (the xns chain or systemd-nspawn -b, its console on stdout),
prints the nanoseconds from its start until the console says "Reached target
multi-user.target", then stops it with SIGTERM (untimed) and checks that it
ended with status 0 (a boot that fails must not look fast). 60 s at most.
"""
import os, re, select, signal, subprocess, sys, time

colour = re.compile(rb"\x1b\[[0-9;]*m")
start = time.monotonic_ns()
child = subprocess.Popen(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
seen, reached = b"", None
deadline = time.monotonic() + 60
while reached is None and time.monotonic() < deadline:
    ready, _, _ = select.select([child.stdout], [], [], 0.5)
    if not ready:
        if child.poll() is not None:
            break
        continue
    chunk = os.read(child.stdout.fileno(), 65536)
    if not chunk:
        break
    seen += chunk
    if b"Reached target multi-user.target" in colour.sub(b"", seen):
        reached = time.monotonic_ns() - start
if reached is None:
    child.kill()
    sys.exit(f"os-boot.py: no multi-user.target within 60 s: {colour.sub(b'', seen)[-2000:].decode(errors='replace')}")
child.send_signal(signal.SIGTERM)
# Drain the console until the end, so the child never blocks writing it.
while os.read(child.stdout.fileno(), 65536):
    pass
status = child.wait(timeout=60)
if status != 0:
    sys.exit(f"os-boot.py: the stop by SIGTERM ended with status {status}")
print(reached)
