#!/usr/bin/env python3
"""Time commands against each other in interleaved rounds and write one case's JSON.

    interleave.py OUT.json --title TITLE [--note TEXT] [--runs N] [--warmup N]
                  [--prepare CMD] [--self-timed] [--target ANCHOR MIN TEXT]...
                  --command NAME CMD [--command NAME CMD]...

The first --command is xns's, the others are its anchors. Why interleaved: on
this (virtual, noisy) machine the speed drifts by tens of percent over a
minute — CPU steal, a neighbour's load, the kernel freeing old namespaces in
the background. hyperfine runs all of A, then all of B, so a drift lands on
one side of the ratio. Here every round runs each command once (A B C, then
B C A, ...: the order rotates so that no command always follows the same one),
so a drift is shared by all of them and cancels out of the ratio.

Each CMD is split into words with shlex (quotes as in sh) and started with
posix_spawn: no shell in between, so a shell is timed only where a case's
command is one. The time of a run is the wall time from just before
posix_spawn to the return of waitpid (time.perf_counter_ns). With
--self-timed the command instead prints its own time in nanoseconds on stdout
(switch_root: only the deletion and the switch, not the building of the
initramfs). --prepare runs untimed before every run (and warm-up run), e.g.
to delete what the previous run created. A run that exits non-zero ends the
case with its stderr: a failing command would otherwise look fast.

A --target says what the issue asks of the ratio anchor median / xns median
(above 1: xns is faster): MIN is the least it may be, e.g. 1.0 for "no slower
than bwrap", 10 for "10x faster than nspawn", 0.77 for "at most 1.3x the C
tool's time". report.py shows it and whether it is met.
"""
import argparse
import json
import os
import shlex
import shutil
import statistics
import sys
import tempfile
import time


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out")
    p.add_argument("--title", required=True)
    p.add_argument("--note", default="")
    p.add_argument("--runs", type=int, default=100, help="timed rounds")
    p.add_argument("--warmup", type=int, default=5, help="untimed rounds first")
    p.add_argument("--prepare", default=None, help="untimed command before every run")
    p.add_argument("--self-timed", action="store_true",
                   help="the command prints its own time in nanoseconds on stdout")
    p.add_argument("--target", nargs=3, action="append", default=[],
                   metavar=("ANCHOR", "MIN", "TEXT"))
    p.add_argument("--command", nargs=2, action="append", required=True,
                   metavar=("NAME", "CMD"))
    return p.parse_args()


class Runner:
    """Starts one argv at a time with its stdout and stderr in scratch files."""

    def __init__(self):
        self.stdout = tempfile.TemporaryFile()
        self.stderr = tempfile.TemporaryFile()

    @staticmethod
    def argv(command):
        words = shlex.split(command)
        # PATH is searched once here, not in the timed part (hyperfine -N
        # does the same), and a missing program is caught before any run.
        path = shutil.which(words[0])
        if path is None:
            sys.exit(f"interleave.py: command not found: {words[0]}")
        return path, words

    def run(self, path, words):
        """Runs one command; returns its wall time in nanoseconds and its stdout."""
        for f in (self.stdout, self.stderr):
            f.seek(0)
            f.truncate()
        actions = [(os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                   (os.POSIX_SPAWN_DUP2, self.stdout.fileno(), 1),
                   (os.POSIX_SPAWN_DUP2, self.stderr.fileno(), 2)]
        start = time.perf_counter_ns()
        pid = os.posix_spawn(path, words, os.environ, file_actions=actions)
        _, status = os.waitpid(pid, 0)
        elapsed = time.perf_counter_ns() - start
        code = os.waitstatus_to_exitcode(status)
        self.stdout.seek(0)
        out = self.stdout.read().decode(errors="replace")
        if code != 0:
            self.stderr.seek(0)
            err = self.stderr.read().decode(errors="replace").strip()
            sys.exit(f"interleave.py: `{shlex.join(words)}` exited with {code}\n{err}")
        return elapsed, out


def main():
    args = parse_args()
    runner = Runner()
    commands = [(name, command, *Runner.argv(command)) for name, command in args.command]
    prepare = Runner.argv(args.prepare) if args.prepare else None
    times = {name: [] for name, *_ in commands}

    def one(path, words):
        if prepare:
            runner.run(*prepare)
        elapsed, out = runner.run(path, words)
        if args.self_timed:
            try:
                return int(out.split()[-1])
            except (IndexError, ValueError):
                sys.exit(f"interleave.py: `{shlex.join(words)}` printed no time: {out!r}")
        return elapsed

    n = len(commands)
    for round_ in range(args.warmup + args.runs):
        for i in range(n):
            name, _, path, words = commands[(round_ + i) % n]
            elapsed = one(path, words)
            if round_ >= args.warmup:
                times[name].append(elapsed / 1e9)
        done = round_ + 1 - args.warmup
        if done > 0 and (done % max(1, args.runs // 5) == 0 or done == args.runs):
            print(f"  {args.title}: {done}/{args.runs} rounds", file=sys.stderr)

    results = []
    for name, command, _, _ in commands:
        secs = times[name]
        results.append({"name": name, "command": command, "median": statistics.median(secs),
                        "min": min(secs), "max": max(secs), "runs": len(secs), "times": secs})
    targets = [{"anchor": anchor, "min": float(minimum), "text": text}
               for anchor, minimum, text in args.target]
    with open(args.out, "w") as f:
        json.dump({"title": args.title, "note": args.note, "interleaved": True,
                   "warmup": args.warmup, "results": results, "targets": targets}, f)
    for r in results:
        print(f"  {r['name']:<32} median {r['median'] * 1000:9.3f} ms", file=sys.stderr)


if __name__ == "__main__":
    main()
