#!/usr/bin/env python3
"""Benchmark `drafting compare` on the synthetic workloads, against baselines run alongside.

Targets (issue 4): the in-process comparison of the large pair <= 20 ms, of the huge pair
<= 100 ms; the whole `drafting compare --format text` on the huge pair <= 10 x
`git diff --no-index --word-diff` on the same files.

Usage: python bench/bench_compare.py [--workload DIR] [--gen ../shared/tools/gen_workload.py]
The workload (small/large/huge{,_rev}.{txt,json}) is generated into DIR when missing.
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = {"large": 20.0, "huge": 100.0}
CLI_RATIO = 10.0


def from_json(path: Path):
    """A Resolution from the generator's JSON ({id, kind pp|op|sub, label, opener, text})."""
    from drafting.model import Paragraph, Resolution

    data = json.loads(path.read_text(encoding="utf-8"))
    pre, ops = [], []
    for p in data["paragraphs"]:
        if p["kind"] == "pp":
            pre.append(Paragraph(id=f"PP{len(pre) + 1}", text=p["text"], opener=p["opener"]))
        elif p["kind"] == "op":
            number = p["label"].rstrip(".")
            ops.append(Paragraph(id=f"OP{number}", number=number, text=p["text"],
                                 opener=p["opener"]))
        else:
            parent = ops[-1]
            label = p["label"].strip("()")
            sub = Paragraph(id=f"{parent.id}({label})", label=label, marker=p["label"],
                            text=p["text"])
            ops[-1] = replace(parent, subparagraphs=parent.subparagraphs + (sub,))
    return Resolution(preambular=tuple(pre), operative=tuple(ops))


def load(workload: Path, name: str):
    """The pair, parsed from the .txt when the parser is there, else built from the .json."""
    try:
        from drafting.parse import parse_file
    except ImportError:
        return (from_json(workload / f"{name}.json"), from_json(workload / f"{name}_rev.json"),
                "json")
    return (parse_file(str(workload / f"{name}.txt")),
            parse_file(str(workload / f"{name}_rev.txt")), "txt")


def compile_bytecode() -> None:
    """Compile the drafting package's bytecode, as `pip install` does for an installed
    package, so that whole-command timings do not include compiling the sources (an editable
    install under PYTHONDONTWRITEBYTECODE=1 would otherwise compile them on every run)."""
    import compileall

    import drafting

    compileall.compile_dir(str(Path(drafting.__file__).parent), quiet=1)


def best_of(fn, runs: int, clock=time.perf_counter) -> tuple[float, float]:
    """(minimum, median) time of `fn()` in milliseconds, wall clock unless told."""
    times = []
    for _ in range(runs):
        t = clock()
        fn()
        times.append((clock() - t) * 1000)
    return min(times), statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--workload", type=Path, default=Path("/tmp/drafting-workload"))
    ap.add_argument("--gen", type=Path, default=ROOT.parent / "shared" / "tools" / "gen_workload.py")
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()

    if not (args.workload / "huge_rev.txt").is_file():
        subprocess.run([sys.executable, str(args.gen), str(args.workload)], check=True,
                       stdout=subprocess.DEVNULL)

    from drafting.compare import compare

    ok = True
    print("in-process compare: wall min / median, CPU min (%d runs)" % args.runs)
    for name in ("small", "large", "huge"):
        old, new, source = load(args.workload, name)
        compare(old, new)  # warm: code book, imports
        lo, med = best_of(lambda: compare(old, new), args.runs)
        cpu, _ = best_of(lambda: compare(old, new), args.runs, time.process_time)
        c = compare(old, new)
        changed = sum(p.change != "unchanged" for p in c.paragraphs)
        target = TARGET_MS.get(name)
        verdict = ""
        if target:
            verdict = f"  target <= {target:.0f} ms: {'ok' if lo <= target else 'MISSED'}" \
                      f" ({lo / target:.2f} x target)"
            ok &= lo <= target
        print(f"  {name:5} ({source}, {len(c.paragraphs)} entries, {changed} changed): "
              f"{lo:6.1f} / {med:6.1f} ms, CPU {cpu:6.1f} ms{verdict}")

    huge, huge_rev = args.workload / "huge.txt", args.workload / "huge_rev.txt"
    compile_bytecode()
    drafting = shutil.which("drafting", path=str(Path(sys.executable).parent)) or "drafting"
    ours = [drafting, "compare", "--format", "text", str(huge), str(huge_rev)]
    git = ["git", "diff", "--no-index", "--word-diff", str(huge), str(huge_rev)]
    runs = max(3, args.runs // 3)

    def run(cmd):
        done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if done.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(cmd)}: exit {done.returncode}: {done.stderr.decode()}")

    ours_ms, _ = best_of(lambda: run(ours), runs)
    git_ms, _ = best_of(lambda: run(git), runs)
    ratio = ours_ms / git_ms
    print(f"whole command on the huge pair (min of {runs} runs)")
    print(f"  drafting compare --format text : {ours_ms:7.1f} ms")
    print(f"  git diff --no-index --word-diff: {git_ms:7.1f} ms")
    print(f"  ratio {ratio:.1f} x  target <= {CLI_RATIO:.0f} x: "
          f"{'ok' if ratio <= CLI_RATIO else 'MISSED'}")
    ok &= ratio <= CLI_RATIO

    # Where the command's time goes, to tell our part from the parser's.
    try:
        from drafting.parse import parse_file, parse_files
        from drafting.render.diff import render_text
    except ImportError:
        return 0 if ok else 1
    # As the command parses: side by side, without openers.
    parse_ms, _ = best_of(lambda: parse_files([huge, huge_rev], openers=False), 3)
    one_ms, _ = best_of(lambda: parse_file(str(huge), openers=False), 3)
    old, new = parse_file(str(huge)), parse_file(str(huge_rev))
    comparison = compare(old, new)
    compare_ms, _ = best_of(lambda: compare(old, new), 3)
    render_ms, _ = best_of(lambda: render_text(comparison), 3)
    start_ms, _ = best_of(lambda: run([drafting, "--help"]), 3)
    print("  of which, in process: "
          f"start-up {start_ms:.0f} ms, parse both side by side {parse_ms:.0f} ms "
          f"(one alone {one_ms:.0f} ms), compare {compare_ms:.0f} ms, render {render_ms:.0f} ms")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
