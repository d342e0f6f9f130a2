"""Benchmark Word output: render_docx on the large and huge workloads against plain
python-docx writing the same paragraphs in the same run, and `drafting compare --format docx`
on the huge pair as a whole process (wall time and peak memory).

Targets (issue 5): large <= 50 ms, huge <= 200 ms in-process; compare --format docx on the
huge pair <= 1.5 s and <= 100 MiB.

Usage: .venv/bin/python bench/bench_docx.py [--repeat N]
"""
from __future__ import annotations

import argparse
import io
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from drafting.parse import parse_text
from drafting.render.docx import render_docx

# The workload of the project's generator (large: 150 PP + 350 OP, huge: 500 PP + 1500 OP,
# UN style, 15% of operative paragraphs with 2-5 sub-paragraphs, 40-120 words a paragraph;
# the revision edits 10% of paragraphs, inserts 1% bis paragraphs, deletes a few).
SIZES = {"large": (150, 350, 2), "huge": (500, 1500, 3)}
PP_OPENERS = ["Recalling", "Reaffirming", "Taking note of", "Bearing in mind", "Recognizing",
              "Noting with concern", "Welcoming", "Emphasizing", "Deeply concerned", "Stressing"]
OP_OPENERS = ["Calls upon States to", "Requests the Secretary-General to", "Decides to",
              "Encourages States to", "Reaffirms", "Welcomes", "Invites Member States to",
              "Notes with concern", "Emphasizes the importance of", "Stresses the need to"]
WORDS = ("and of the to in for with on by all that its their which as an at be this from under "
         "further also relevant national regional international global effective sustainable "
         "cooperation implementation development protection conservation management measures "
         "activities programmes efforts initiatives commitments obligations mechanisms "
         "framework instruments resources assistance support dialogue consultations States "
         "Member parties organizations institutions bodies agencies stakeholders communities "
         "promote strengthen ensure enhance encourage consider continue develop facilitate "
         "the United Nations Convention on the Law of the Sea").split()


def _words(rng: random.Random, lo: int, hi: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(lo, hi)))


def workload(name: str) -> tuple[str, str]:
    """(old text, new text) of a synthetic UN draft and its revision."""
    n_pp, n_op, seed = SIZES[name]
    rng = random.Random(seed)
    paras = []  # (kind, label, text)
    for _ in range(n_pp):
        paras.append(("pp", "", f"{rng.choice(PP_OPENERS)} {_words(rng, 38, 115)},"))
    for i in range(1, n_op + 1):
        subs = rng.randint(2, 5) if rng.random() < 0.15 else 0
        end = ":" if subs else ";"
        paras.append(("op", f"{i}.", f"{rng.choice(OP_OPENERS)} {_words(rng, 36, 115)}{end}"))
        for k in range(subs):
            paras.append(("sub", f"({'abcdefgh'[k]})", f"{_words(rng, 15, 50)};"))
    paras[-1] = paras[-1][:2] + (paras[-1][2][:-1] + ".",)
    rev = list(paras)
    for i in rng.sample(range(len(rev)), len(rev) // 10):
        kind, label, text = rev[i]
        w = text.split()
        at = rng.randint(4, len(w) - 2)
        w[at:at + rng.randint(0, 3)] = _words(rng, 1, 5).split()
        rev[i] = (kind, label, " ".join(w))
    tops = [i for i, (k, _, _) in enumerate(rev) if k == "op" and i + 1 < len(rev)
            and rev[i + 1][0] == "op"]
    for i in sorted(rng.sample(tops, max(1, n_op // 100)), reverse=True):
        rev.insert(i + 1, ("op", rev[i][1][:-1] + "bis.",
                           f"{rng.choice(OP_OPENERS)} {_words(rng, 35, 110)};"))
    for i in sorted(rng.sample(tops, max(1, n_op // 150)), reverse=True):
        if rev[i][1].endswith(".") and "bis" not in rev[i][1] and rev[i + 1][0] == "op":
            del rev[i]

    def text(ps):
        out = ["Oceans and the law of the sea", "", "The General Assembly,", ""]
        for kind, label, body in ps:
            out += [f"{label} {body}" if label else body, ""]
        return "\n".join(out)
    return text(paras), text(rev)


def baseline_python_docx(res) -> bytes:
    """The same paragraphs with python-docx's own API: one run per piece, as a user of the
    library would write them."""
    from docx import Document

    doc = Document()
    for p in res.preambular:
        para = doc.add_paragraph()
        n = len(p.opener or "")
        para.add_run(p.text[:n]).italic = True
        para.add_run(p.text[n:])
    for top in res.operative:
        for p in top.walk():
            para = doc.add_paragraph()
            para.add_run((p.marker or f"{p.number}.") + "\t")
            n = len(p.opener or "")
            if n:
                para.add_run(p.text[:n]).italic = True
            para.add_run(p.text[n:])
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def timed(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


# Run in a small interpreter of its own: a child forked from this (large) benchmark process
# would report our memory as its peak (Linux keeps the pre-exec high-water mark).
_WRAPPER = """
import os, subprocess, sys, time
t = time.perf_counter()
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
_, status, usage = os.wait4(proc.pid, 0)
wall = time.perf_counter() - t
err = proc.stderr.read().decode(); proc.stderr.close()
print(wall, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
sys.stderr.write(err)
"""


def run_process(args: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MiB and exit status of one process."""
    done = subprocess.run([sys.executable, "-S", "-c", _WRAPPER, *args], capture_output=True,
                          text=True, check=True)
    wall, rss, code = done.stdout.split()
    if int(code) not in (0, 1):
        sys.exit(f"{' '.join(args)} failed ({code}): {done.stderr}")
    return float(wall), int(rss) / 1024, int(code)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=15)
    args = ap.parse_args()

    t = time.perf_counter()
    render_docx(parse_text("The General Assembly,\n\n1. Decides.\n"))
    print(f"template (first call, once per process): {1000 * (time.perf_counter() - t):.1f} ms")

    texts = {}
    for name in SIZES:
        old, new = workload(name)
        texts[name] = (old, new)
        res = parse_text(old)
        n = sum(1 for top in res.paragraphs() for _ in top.walk())
        ours = timed(lambda: render_docx(res), args.repeat)
        base = timed(lambda: baseline_python_docx(res), max(3, args.repeat // 5))
        target = {"large": 0.050, "huge": 0.200}[name]
        print(f"{name}: {n} paragraphs; render_docx {1000 * ours:.1f} ms "
              f"(target <= {1000 * target:.0f} ms: {'ok' if ours <= target else 'MISSED'}); "
              f"plain python-docx {1000 * base:.1f} ms; ratio {base / ours:.1f}x")

    drafting = Path(sys.executable).with_name("drafting")
    with tempfile.TemporaryDirectory() as tmp:
        old_path, new_path = Path(tmp, "huge.txt"), Path(tmp, "huge_rev.txt")
        old_path.write_text(texts["huge"][0], encoding="utf-8")
        new_path.write_text(texts["huge"][1], encoding="utf-8")
        out = Path(tmp, "huge.compare.docx")
        runs = [run_process([str(drafting), "compare", str(old_path), str(new_path),
                             "--format", "docx", "-o", str(out), "--date", "2025-09-19"])
                for _ in range(3)]
        wall = statistics.median(r[0] for r in runs)
        peak = max(r[1] for r in runs)
        print(f"drafting compare --format docx (huge pair), whole process: {wall:.2f} s "
              f"(target <= 1.5 s: {'ok' if wall <= 1.5 else 'MISSED'}), peak "
              f"{peak:.0f} MiB (target <= 100 MiB: {'ok' if peak <= 100 else 'MISSED'}); "
              f"{out.stat().st_size // 1024} KiB written")
        base_wall, base_peak, _ = run_process([str(drafting), "--version"])
        print(f"  for scale: `drafting --version` {base_wall:.2f} s, {base_peak:.0f} MiB")


if __name__ == "__main__":
    main()
