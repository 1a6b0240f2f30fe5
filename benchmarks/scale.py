#!/usr/bin/env python3
"""Throughput: N full sandboxes started back to back, one or more at a time.

    scale.py OUT.json --title TITLE --sandboxes N [--batches B] [--concurrency C]
             [--warmup W] [--target ANCHOR MIN TEXT]... --command NAME CMD...

Every command starts N sandboxes in B batches of N/B. A batch runs N/B
sandboxes of one command with C of them in flight at once (a new one starts
as soon as one ends), timed from the first posix_spawn to the last waitpid.
Batches are interleaved the way interleave.py interleaves single runs: each
round runs one batch of every command, the order rotating, so that a drift of
the machine is shared. (One batch of 1000 per command would take a minute
each, and the ratio would rest on two stretches of the run.) W untimed rounds
come first. The JSON is interleave.py's shape (a "time" is one batch) plus
"items": N/B, from which report.py shows sandboxes per second.
"""
import argparse
import json
import os
import shlex
import statistics
import sys
import tempfile
import time

from interleave import Runner


def batch(path, words, sandboxes, concurrency, stderr):
    """Seconds for `sandboxes` runs of words, `concurrency` at a time."""
    actions = [(os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
               (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
               (os.POSIX_SPAWN_DUP2, stderr.fileno(), 2)]
    started = finished = 0
    start = time.perf_counter_ns()
    while finished < sandboxes:
        while started < sandboxes and started - finished < concurrency:
            os.posix_spawn(path, words, os.environ, file_actions=actions)
            started += 1
        _, status = os.waitpid(-1, 0)
        finished += 1
        if status != 0:
            stderr.seek(0)
            err = stderr.read().decode(errors="replace").strip()
            sys.exit(f"scale.py: `{shlex.join(words)}` failed ({status:#x})\n{err}")
    return (time.perf_counter_ns() - start) / 1e9


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out")
    p.add_argument("--title", required=True)
    p.add_argument("--note", default="")
    p.add_argument("--sandboxes", type=int, required=True)
    p.add_argument("--concurrency", type=int, default=1)
    p.add_argument("--batches", type=int, default=1)
    p.add_argument("--warmup", type=int, default=1, help="untimed rounds first")
    p.add_argument("--target", nargs=3, action="append", default=[],
                   metavar=("ANCHOR", "MIN", "TEXT"))
    p.add_argument("--command", nargs=2, action="append", required=True,
                   metavar=("NAME", "CMD"))
    args = p.parse_args()
    if args.sandboxes % args.batches:
        sys.exit("scale.py: --sandboxes must be a multiple of --batches")
    size = args.sandboxes // args.batches

    stderr = tempfile.TemporaryFile()
    commands = [(name, command, *Runner.argv(command)) for name, command in args.command]
    times = {name: [] for name, *_ in commands}
    n = len(commands)
    for round_ in range(args.warmup + args.batches):
        for i in range(n):
            name, _, path, words = commands[(round_ + i) % n]
            stderr.seek(0)
            stderr.truncate()
            seconds = batch(path, words, size, args.concurrency, stderr)
            if round_ >= args.warmup:
                times[name].append(seconds)
    for name, *_ in commands:
        print(f"  {args.title}: {name} {args.sandboxes / sum(times[name]):.1f}/s", file=sys.stderr)

    results = [{"name": name, "command": command, "median": statistics.median(times[name]),
                "min": min(times[name]), "max": max(times[name]), "runs": len(times[name]),
                "times": times[name]} for name, command, _, _ in commands]
    targets = [{"anchor": a, "min": float(m), "text": t} for a, m, t in args.target]
    with open(args.out, "w") as f:
        json.dump({"title": args.title, "note": args.note, "interleaved": True, "items": size,
                   "concurrency": args.concurrency, "warmup": args.warmup, "results": results,
                   "targets": targets}, f)


if __name__ == "__main__":
    main()
