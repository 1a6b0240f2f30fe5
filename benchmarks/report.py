#!/usr/bin/env python3
"""Render BENCHMARKS.md from the per-case JSON files of benchmarks/run.

    report.py RESULTS_DIR --started ISO --load-start 'L1 L5 L15' --cpu-start LINE
              [--quick] [--skipped FILE] [--notes FILE]

A case file holds `results` (the first is xns, the others its anchors), each
with median, min and max in seconds and the times of every run in round
order (interleave.py, scale.py), and the issue's `targets`. A file of
`"kind": "rss"` holds peak resident set sizes instead (peak-rss.py), one of
`"kind": "size"` image sizes (initramfs-size).

The ratio shown is anchor median / xns median: above 1.00 the anchor takes
longer, so xns is faster. Because the runs are interleaved, the i-th time of
every command comes from the same round; the spread of the per-round ratios
(their middle half) says how firmly the machine's noise lets a verdict stand.
"""
import argparse
import json
import os
import platform
import statistics
from datetime import datetime, timezone


def ms(seconds):
    return f"{seconds * 1000:.2f}"


def reading(ratio):
    if ratio >= 1:
        return f"xns is {ratio:.2f}× faster"
    return f"xns is {1 / ratio:.2f}× slower"


def quartiles(values):
    if len(values) < 4:
        return min(values), max(values)
    q = statistics.quantiles(values, n=4)
    return q[0], q[2]


def paired_ratios(anchor, ours):
    return [a / b for a, b in zip(anchor["times"], ours["times"]) if b > 0]


def timing_case(data, summary):
    results = data["results"]
    ours = results[0]
    items = data.get("items")
    lines = []
    head = "| command | median ms | min – max ms | runs |"
    rule = "| --- | ---: | ---: | ---: |"
    if items:
        head += " sandboxes/s |"
        rule += " ---: |"
    head += " anchor ÷ xns | reading | per-round ratio, middle half |"
    rule += " ---: | --- | ---: |"
    lines += [head, rule]
    ratios, spreads = {}, {}
    for r in results:
        row = f"| {r['name']} | {ms(r['median'])} | {ms(r['min'])} – {ms(r['max'])} | {r['runs']} |"
        if items:
            row += f" {items / r['median']:.1f} |"
        if r is ours:
            row += " — | (xns) | — |"
        else:
            ratio = r["median"] / ours["median"]
            ratios[r["name"]] = ratio
            if data.get("interleaved"):
                low, high = spreads[r["name"]] = quartiles(paired_ratios(r, ours))
                spread = f"{low:.2f}× – {high:.2f}×"
            else:
                spread = "— (not interleaved)"
            row += f" {ratio:.2f}× | {reading(ratio)} | {spread} |"
        lines.append(row)
    lines.append("")
    for t in data.get("targets", []):
        ratio = ratios.get(t["anchor"])
        if ratio is None:
            verdict = "not measured"
        elif ratio >= t["min"]:
            verdict = "**met**"
        else:
            verdict = f"**not met**: xns would have to get {t['min'] / ratio:.2f}× faster"
        low, high = spreads.get(t["anchor"], (None, None))
        if low is not None and low < t["min"] < high:
            verdict += " (within noise: the per-round middle half straddles the target)"
        shown = "—" if ratio is None else f"{ratio:.2f}×"
        lines.append(f"- target: {t['text']} (anchor ÷ xns ≥ {t['min']:.2f}×): {shown} — {verdict}")
        summary.append((data["title"], t["text"], shown, verdict))
    if data.get("targets"):
        lines.append("")
    lines += ["<details><summary>commands</summary>", ""]
    lines += [f"- {r['name']}: `{r['command']}`" for r in results]
    lines += ["", "</details>", ""]
    return lines


def rss_case(data):
    results = data["results"]
    anchor = next((r for r in results if r.get("anchor")), None)
    lines = ["| tool | peak RSS, median MiB | max MiB | runs | this ÷ bwrap |",
             "| --- | ---: | ---: | ---: | ---: |"]
    for r in results:
        share = f"{r['median_kib'] / anchor['median_kib']:.2f}×" if anchor and r is not anchor else "—"
        lines.append(f"| {r['name']} | {r['median_kib'] / 1024:.1f} | {r['max_kib'] / 1024:.1f} | "
                     f"{r['runs']} | {share} |")
    lines += ["", "<details><summary>commands</summary>", ""]
    lines += [f"- {r['name']}: `{r['command']}`" for r in results]
    lines += ["", "</details>", ""]
    return lines


def size_case(data):
    """Image sizes, each against the first row, and what their bytes are."""
    base = data["rows"][0]
    lines = ["| image | files | unpacked | compressed (gzip -9) | ÷ the first |",
             "| --- | ---: | ---: | ---: | ---: |"]
    for r in data["rows"]:
        share = f"{r['compressed'] / base['compressed']:.1f}×" if r is not base else "—"
        lines.append(f"| {r['name']} | {r['files']} | {r['unpacked'] / 1e6:.1f} MB | {r['compressed'] / 1e6:.1f} MB | {share} |")
    lines.append("")
    for r in data["rows"]:
        parts = sorted(r["parts"].items(), key=lambda kv: -kv[1])
        lines.append(f"- {r['name']}: " + ", ".join(f"{name} {size / 1e6:.2f} MB" for name, size in parts))
    return lines + [""]


def cpu_shares(start_line):
    """Shares of the CPU time since START_LINE (the "cpu" line of /proc/stat)
    that went to steal (the hypervisor ran someone else) and that were idle."""
    with open("/proc/stat") as f:
        end = [int(x) for x in f.readline().split()[1:]]
    start = [int(x) for x in start_line.split()[1:]]
    delta = [b - a for a, b in zip(start, end)]
    total = sum(delta[:8]) or 1  # user … steal; guest time is inside user already
    return 100 * delta[7] / total, 100 * (delta[3] + delta[4]) / total


def startup_case(data):
    """Instructions per phase (callgrind) and the wall time shared out by them."""
    phases = ["loader", "init", "parse", "work"]
    lines = ["| command | " + " | ".join(phases) + " | instructions | wall (median) |",
             "| --- | " + " | ".join("---:" for _ in phases) + " | ---: | ---: |"]
    for row in data["rows"]:
        total = row["total"] or 1
        cells = [f"{row[p] / 1e6:.2f} M ({row['wall_ms'] * row[p] / total:.2f} ms)" for p in phases]
        lines.append(f"| `{row['command']}` | " + " | ".join(cells) + f" | {total / 1e6:.2f} M | {row['wall_ms']:.2f} ms |")
    return lines + ["", "Each cell: instructions, and in brackets the share of the wall time they stand for (an estimate).", ""]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("results")
    p.add_argument("--started", required=True)
    p.add_argument("--load-start", required=True)
    p.add_argument("--cpu-start", required=True, help='the "cpu" line of /proc/stat at the start')
    p.add_argument("--quick", action="store_true")
    p.add_argument("--skipped")
    p.add_argument("--notes", help="Markdown appended as the report's notes (why a target is missed)")
    args = p.parse_args()

    with open("/proc/loadavg") as f:
        load_end = " ".join(f.read().split()[:3])
    steal, idle = cpu_shares(args.cpu_start)
    ended = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = ["# Benchmarks", ""]
    if args.quick:
        lines += ["> **Quick run** (`BENCH_QUICK=1`): few rounds per case and 10 sandboxes in the",
                  "> scale case. It checks the harness; its numbers are too noisy to quote.", ""]
    lines += [
        "Made by `make bench` (benchmarks/run), release builds only. Each case runs xns",
        "and its anchors interleaved in the same run (one run of each per round, the",
        "order rotating), after untimed warm-up rounds, so that the machine's drift is",
        "shared by both sides of a ratio. Times are wall-clock per run.",
        "",
        "**anchor ÷ xns** is the anchor's median over xns's: above 1.00× xns is faster,",
        "below it xns is slower. *Per-round ratio, middle half* is the interquartile range",
        "of the same ratio taken round by round: where it straddles a target, the verdict",
        "is within this machine's noise.",
        "",
        "## Machine",
        "",
        f"- date: {args.started} – {ended}",
        f"- cores: {os.cpu_count()}",
        f"- kernel: {platform.release()}",
        f"- load average (1, 5, 15 min) at start: {args.load_start}; at end: {load_end}",
        f"- CPU time during the run: {steal:.1f}% stolen by the hypervisor, {idle:.1f}% idle",
        "",
    ]
    body, summary = [], []
    for name in sorted(os.listdir(args.results)):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(args.results, name)) as f:
            data = json.load(f)
        body += [f"## {data['title']}", ""]
        if data.get("note"):
            body += [data["note"], ""]
        if data.get("kind") == "rss":
            body += rss_case(data)
        elif data.get("kind") == "startup":
            body += startup_case(data)
        elif data.get("kind") == "size":
            body += size_case(data)
        else:
            body += timing_case(data, summary)
    if summary:
        lines += ["## Targets", "", "| case | target | anchor ÷ xns | verdict |", "| --- | --- | ---: | --- |"]
        lines += [f"| {case} | {text} | {ratio} | {verdict} |" for case, text, ratio, verdict in summary]
        lines.append("")
    lines += body
    if args.skipped and os.path.exists(args.skipped):
        with open(args.skipped) as f:
            skipped = [line.strip() for line in f if line.strip()]
        if skipped:
            lines += ["## Not measured", ""] + [f"- {line}" for line in skipped] + [""]
    if args.notes and os.path.exists(args.notes):
        with open(args.notes) as f:
            lines += ["## Notes", "", f.read().strip(), ""]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
