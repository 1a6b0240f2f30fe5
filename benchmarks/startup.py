#!/usr/bin/env python3
"""Start-up breakdown: instructions per phase of one hop, xns against the C tool.

Each command runs once under `valgrind --tool=callgrind` (instruction counts
are deterministic where wall time is not) on a copy of the xns binary without
its debug information, and ends without exec'ing (COMMAND is /nonexistent: callgrind loses a
process's counts at exec), so every count is the tool's own work:

  loader   the dynamic loader: mapping and relocating the binary and its
           libraries (total minus __libc_start_main)
  init     constructors before main: libc's, xns's ELF constructor and the
           Swift runtime's static initializers
  parse    xns: ToolMain.run minus ToolMain.perform — building the option
           table, the getopt_long parse, the tool's values from it;
           C: getopt_long and its helpers, where callgrind sees them
  work     the rest of main: the tool's own step, and exit

Wall time per phase is the median wall time of the whole command (--runs
runs, as fork+exec+wait from here) shared out by the phases' instruction
counts: an estimate, which the table says.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import tempfile
import time


def annotate(out_file):
    """function name → inclusive instructions, and the program's total."""
    text = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", out_file],
                          capture_output=True, text=True, check=True).stdout
    total = 0
    costs = {}
    for line in text.splitlines():
        m = re.match(r"\s*([\d,]+)\s+\(\s*[\d.]+%\)\s+(.*)$", line)
        if not m:
            continue
        count = int(m.group(1).replace(",", ""))
        name = m.group(2)
        if name.startswith("PROGRAM TOTALS"):
            total = count
            continue
        # "file:function [object]": the file tells libc's two "(below main)" apart.
        function = name.split(" [", 1)[0]
        costs[function] = max(costs.get(function, 0), count)
    return total, costs


def first(costs, pattern):
    return max((v for k, v in costs.items() if re.search(pattern, k)), default=0)


def phases(argv, xns):
    with tempfile.NamedTemporaryFile(prefix="xns-callgrind-", delete=False) as f:
        out = f.name
    try:
        subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}"] + argv,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        total, costs = annotate(out)
    finally:
        os.unlink(out)
    start = first(costs, r"libc-start\.c:__libc_start_main")
    # libc calls main from libc_start_call_main, which callgrind names
    # "(below main)" after its file.
    main = first(costs, r"libc_start_call_main\.h:\(below main\)") or start
    if xns:
        run = first(costs, r":\$s12XCommandLine8ToolMainO3run")
        perform = first(costs, r":\$s12XCommandLine8ToolMainO7perform")
        parse = max(run - perform, 0)
    else:
        parse = first(costs, r"getopt")
    return {"total": total, "loader": total - start, "init": start - main, "parse": parse, "work": main - parse}


def wall(argv, runs):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def main():
    p = argparse.ArgumentParser()
    p.add_argument("out")
    p.add_argument("--xns", required=True, help="the xns binary")
    p.add_argument("--runs", type=int, default=200)
    args = p.parse_args()

    work = tempfile.mkdtemp(prefix="xns-startup-")
    try:
        binary = os.path.join(work, "xns")
        # Without debug information (valgrind 3.19 cannot read its DWARF 5)
        # but with the symbol table, so that the phases can be told apart.
        subprocess.run(["strip", "--strip-debug", "-o", binary, args.xns], check=True)
        for tool in ("xchroot", "xunshare", "xnsenter"):
            os.symlink(binary, os.path.join(work, tool))
        pid = str(os.getpid())
        cases = [
            ("xchroot / /nonexistent", [os.path.join(work, "xchroot"), "/", "/nonexistent"], True),
            ("chroot / /nonexistent", ["chroot", "/", "/nonexistent"], False),
            ("xunshare /nonexistent", [os.path.join(work, "xunshare"), "/nonexistent"], True),
            ("unshare /nonexistent", ["unshare", "/nonexistent"], False),
            ("xnsenter -t PID -m /nonexistent", [os.path.join(work, "xnsenter"), "-t", pid, "-m", "/nonexistent"], True),
            ("nsenter -t PID -m /nonexistent", ["nsenter", "-t", pid, "-m", "/nonexistent"], False),
        ]
        rows = []
        for label, argv, xns in cases:
            if not shutil.which(argv[0]):
                continue
            row = phases(argv, xns)
            row["command"] = label
            row["wall_ms"] = wall(argv, args.runs)
            rows.append(row)
    finally:
        shutil.rmtree(work)
    with open(args.out, "w") as f:
        json.dump({"kind": "startup", "title": "Start-up breakdown: one hop, phase by phase",
                   "note": __doc__.split("\n\n", 1)[1].strip(), "rows": rows}, f, indent=1)


if __name__ == "__main__":
    main()
