#!/usr/bin/env python3
"""Peak resident set size of each tool, measured on its own.

    peak-rss.py OUT.json --title TITLE [--runs N] [--fd3 PATH] [--anchor NAME]
                --command NAME CMD...

Each CMD runs N times; its peak is the ru_maxrss (KiB) of the process, which
the kernel keeps across exec and into which it folds the children the process
waited for: a tool that execs or forks /bin/true reports its own peak.

Why not os.wait4 on a child of this script: the kernel also folds in the
memory the process had before its exec, and a child of Python starts as
(posix_spawn: shares) Python's 15 MiB, so every command would report 15 MiB.
GNU time (`/usr/bin/time -f %M`) is a small C program: its child starts as a
copy of it, about 1 MiB — the /bin/true row that benchmarks/run adds shows
that floor. A tool that needs a mount namespace of its own is started by
util-linux `unshare -m`, which execs it in the same process (its row shows
unshare's own peak, below every tool's).
--fd3 opens PATH on fd 3 of every command (xveth --host-netns-fd=3); `{run}`
in CMD becomes the run's number, so that each xveth run names a new pair (the
kernel removes the previous one in the background, after its namespace died).
"""
import argparse
import json
import os
import shlex
import statistics
import sys
import tempfile

from interleave import Runner

GNU_TIME = "/usr/bin/time"


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out")
    p.add_argument("--title", required=True)
    p.add_argument("--note", default="")
    p.add_argument("--runs", type=int, default=20)
    p.add_argument("--fd3")
    p.add_argument("--anchor", help="the NAME the others are compared with")
    p.add_argument("--command", nargs=2, action="append", required=True,
                   metavar=("NAME", "CMD"))
    args = p.parse_args()

    fd3 = os.open(args.fd3, os.O_RDONLY | os.O_CLOEXEC) if args.fd3 else None
    actions = [(os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
               (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0)]
    if fd3 is not None:
        actions.append((os.POSIX_SPAWN_DUP2, fd3, 3))
    report = tempfile.NamedTemporaryFile()
    results = []
    for name, command in args.command:
        Runner.argv(command)  # fails early if the program is missing
        peaks = []
        for run in range(args.runs):
            words = shlex.split(command.replace("{run}", str(run)))
            argv = [GNU_TIME, "-f", "%M", "-o", report.name] + words
            pid = os.posix_spawn(GNU_TIME, argv, os.environ, file_actions=actions)
            _, status = os.waitpid(pid, 0)
            if status != 0:
                sys.exit(f"peak-rss.py: `{command}` failed ({status:#x})")
            with open(report.name) as f:
                peaks.append(int(f.read().split()[-1]))
        results.append({"name": name, "command": command, "anchor": name == args.anchor,
                        "median_kib": statistics.median(peaks), "max_kib": max(peaks),
                        "runs": len(peaks)})
        print(f"  {name:<28} peak RSS {statistics.median(peaks) / 1024:6.1f} MiB", file=sys.stderr)
    with open(args.out, "w") as f:
        json.dump({"title": args.title, "note": args.note, "kind": "rss", "results": results}, f)


if __name__ == "__main__":
    main()
