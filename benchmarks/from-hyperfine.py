#!/usr/bin/env python3
"""Turn hyperfine's --export-json into a case file report.py reads.

    from-hyperfine.py HYPERFINE.json OUT.json TITLE COMMAND...

Used for the cross-check of the one-hop cases only: hyperfine runs all of one
command, then all of the next, so its times are not interleaved (no targets,
no per-round ratios). hyperfine exports the names given with -n; the
COMMANDs, in the same order, are kept for the report.
"""
import json
import sys


def main(source, out, title, *commands):
    with open(source) as f:
        results = json.load(f)["results"]
    cases = [{"name": r["command"], "command": command, "median": r["median"], "min": r["min"],
              "max": r["max"], "runs": len(r["times"]), "times": r["times"]}
             for r, command in zip(results, commands)]
    with open(out, "w") as f:
        json.dump({"title": title, "interleaved": False, "results": cases, "targets": [],
                   "note": "hyperfine -N, all runs of one command, then all of the other."}, f)


if __name__ == "__main__":
    main(*sys.argv[1:])
