"""Parsing speed (MB/s) on the workloads, against a baseline in the same process, and the
CLI's start-up against a bare `python -c pass`.

Baseline for parsing: splitting the text into lines and matching one regular expression per
line (the least any line-based reader does). Run: .venv/bin/python bench/bench_parse.py
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import workloads  # noqa: E402
from workloads import best  # noqa: E402

from drafting.parse import parse_text  # noqa: E402



_LINE = re.compile(r"^(\d+\w*\.|\([a-z]+\))?\s*(\w+)")


def baseline(text: str) -> int:
    return sum(1 for line in text.splitlines() if _LINE.match(line))


def startup(argv: list[str], repeat: int = 20) -> float:
    return best(lambda: subprocess.run(argv, stdout=subprocess.DEVNULL, check=True), repeat)


def main() -> None:
    print(f"{'workload':10} {'size':>9} {'parse':>9} {'MB/s':>7} {'baseline':>9} {'ratio':>6}")
    for name in workloads.NAMES:
        text = workloads.text(name)
        size = len(text.encode("utf-8"))
        t = best(lambda: parse_text(text))
        b = best(lambda: baseline(text))
        print(f"{name:10} {size / 1e6:8.2f}M {t * 1000:7.1f}ms {size / t / 1e6:7.1f} "
              f"{b * 1000:7.1f}ms {t / b:6.1f}x")
    exe = shutil.which("drafting") or str(Path(sys.executable).parent / "drafting")
    bare = startup([sys.executable, "-c", "pass"])
    helped = startup([exe, "--help"])
    print(f"start-up: drafting --help {helped * 1000:.1f} ms, python -c pass {bare * 1000:.1f} ms, "
          f"ratio {helped / bare:.1f}x (target <= 5x)")


if __name__ == "__main__":
    main()
