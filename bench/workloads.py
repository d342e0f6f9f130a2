"""Benchmark workloads: small, large and huge synthetic drafts and their revisions.

Made by ../shared/tools/gen_workload.py (or $DRAFTING_GEN_WORKLOAD) into a cache folder the
first time; benchmarks are not tests and may read ../shared.
"""
from __future__ import annotations

import os
import subprocess
import sys
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
