#!/usr/bin/env python3
"""Render BENCHMARKS.md from the results of benchmarks/run.

Each results file is one case: hyperfine's --export-json output (the first
command is xns, the others are its anchors), or the same shape written by a
case that times itself. Ratios are xns's median over each anchor's median,
from the same run on the same machine.
"""
import json
import os
import platform
import sys
from datetime import datetime, timezone


def milliseconds(seconds):
    return f"{seconds * 1000:.2f}"


def main(results_dir, skipped_file):
    lines = [
        "# Benchmarks",
        "",
        "Made by `make bench` (benchmarks/run): every case runs xns and its anchors",
        "side by side in one run, release builds only. Times are wall-clock milliseconds",
        "per run; the ratio is xns's median over the anchor's (below 1.00: xns is faster).",
        "",
        f"- date: {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- kernel: {platform.release()}",
        f"- cores: {os.cpu_count()}",
        "",
    ]
    for name in sorted(os.listdir(results_dir)):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(results_dir, name)) as f:
            data = json.load(f)
        title = data.get("title", name[:-5])
        results = data["results"]
        lines += [f"## {title}", ""]
        if data.get("note"):
            lines += [data["note"], ""]
        lines += ["| command | median | min – max | runs | xns ÷ this |", "| --- | ---: | ---: | ---: | ---: |"]
        ours = results[0]["median"]
        for result in results:
            ratio = ours / result["median"] if result["median"] else float("nan")
            lines.append(
                f"| `{result['command']}` | {milliseconds(result['median'])} | "
                f"{milliseconds(result['min'])} – {milliseconds(result['max'])} | "
                f"{len(result.get('times', [])) or result.get('runs', '')} | {ratio:.2f}× |"
            )
        lines.append("")
    if os.path.exists(skipped_file):
        with open(skipped_file) as f:
            skipped = [line.strip() for line in f if line.strip()]
        if skipped:
            lines += ["## Not measured", ""] + [f"- {line}" for line in skipped] + [""]
    sys.stdout.write("\n".join(lines))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
