"""Benchmark workloads (small, large, huge drafts and revisions) and the timing helper.

Made by ../shared/tools/gen_workload.py (or $DRAFTING_GEN_WORKLOAD) into a cache folder the
first time; benchmarks are not tests and may read ../shared.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GEN = Path(os.environ.get("DRAFTING_GEN_WORKLOAD", ROOT.parent / "shared" / "tools" / "gen_workload.py"))
CACHE = Path(os.environ.get("DRAFTING_WORKLOADS", "/tmp/drafting-workloads"))
NAMES = ("small", "large", "huge")


def workload_dir() -> Path:
    if not (CACHE / "huge_rev.txt").exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, str(GEN), str(CACHE)], check=True, capture_output=True)
    return CACHE


def path(name: str, rev: bool = False) -> Path:
    return workload_dir() / f"{name}{'_rev' if rev else ''}.txt"


def text(name: str, rev: bool = False) -> str:
    return path(name, rev).read_text(encoding="utf-8")


def best(fn, repeat: int = 5) -> float:
    """The fastest of `repeat` runs of fn(), in seconds (the least disturbed by the machine)."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)
