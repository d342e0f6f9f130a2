"""Benchmark amendments: revise the large workload with 2,000 accepted amendments, parse
1,000 instructions, derive the operations between two revisions; each against a baseline
run in the same process.

Usage: python bench/bench_amend.py [WORKLOAD_DIR]
(default: bench/workloads.py makes them with ../shared/tools/gen_workload.py)

Targets (issue 3): revising <= 1 s; parsing 1,000 instructions <= 0.2 s.
Baselines: plain str.replace of the same edits over the same texts (the least any
implementation must do); a regex that only pulls the quoted strings and the paragraph
number out of each instruction sentence.
"""
from __future__ import annotations

import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import workloads  # noqa: E402
from workloads import best  # noqa: E402

from drafting.amend import _Draft, _spans, apply_amendments, derive_operations
from drafting.instructions import parse_instructions, to_instruction
from drafting.parse import parse_text  # noqa: E402
from drafting.model import Amendment, Operation, Resolution



def load(folder: Path, name: str) -> Resolution:
    return parse_text((folder / f"{name}.txt").read_text(encoding="utf-8"))


def make_amendments(res: Resolution, n: int, seed: int = 7) -> tuple[list[Amendment], dict]:
    """n amendments that apply one after the other: word edits anchored on words unique in
    their paragraph at that moment, plus some new and deleted paragraphs. Also returns the
    id each new paragraph gets (the baseline is told, not made to compute it)."""
    rng = random.Random(seed)
    draft = _Draft(res)
    out, created = [], {}
    words = "sustainable predictable effective regional national the of and".split()
    while len(out) < n:
        kind = rng.choice("OP PP".split())
        order = draft.order[kind]
        r = rng.random()
        if r < 0.03:
            ref = rng.choice(order)
            op = Operation("insert_paragraph", ref, position=f"after {ref}",
                           new=f"Decides to {' '.join(rng.choices(words, k=12))};")
        elif r < 0.05 and len(order) > 20:
            op = Operation("delete_paragraph", rng.choice(order))
        else:
            par = draft.paras[rng.choice(order)]
            ws = par.text.split(" ")
            if len(ws) < 6:
                continue
            at = rng.randrange(1, len(ws) - 3)
            size = rng.randint(1, 3)
            old = " ".join(ws[at:at + size])
            if len(_spans(par.text, old)) != 1:
                continue
            new = " ".join(rng.choices(words, k=rng.randint(1, 3)))
            op = rng.choice([
                Operation("insert_text", par.id, anchor=old, new=new, position="after"),
                Operation("replace_text", par.id, old=old, new=new),
                Operation("delete_text", par.id, old=old),
            ])
        created[len(out)] = draft.apply(op, None)
        out.append(Amendment(f"A{len(out) + 1}", (op,), ("Chile",), status="accepted"))
    return out, created


def baseline_revise(res: Resolution, amendments: list[Amendment], created: dict) -> None:
    texts = {p.id: p.text for p in res.paragraphs()}
    order = {"PP": [p.id for p in res.preambular], "OP": [p.id for p in res.operative]}
    for n, a in enumerate(amendments):
        for op in a.operations:
            if op.op == "insert_text":
                texts[op.target] = texts[op.target].replace(op.anchor, f"{op.anchor} {op.new}", 1)
            elif op.op == "replace_text":
                texts[op.target] = texts[op.target].replace(op.old, op.new, 1)
            elif op.op == "delete_text":
                texts[op.target] = texts[op.target].replace(op.old, "", 1)
            elif op.op == "insert_paragraph":
                ids = order[op.target[:2]]
                new = created[n]
                ids.insert(ids.index(op.target) + 1, new)
                texts[new] = op.new
            elif op.op == "delete_paragraph":
                order[op.target[:2]].remove(op.target)
                del texts[op.target]


_QUOTED = re.compile(r'"[^"]*"|“[^”]*”')
_NUMBER = re.compile(r"paragraph (\d+\w*)")


def baseline_parse(sentences: list[str]) -> None:
    for s in sentences:
        _QUOTED.findall(s)
        _NUMBER.search(s)


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else workloads.workload_dir()
    large = load(folder, "large")
    n_par = sum(1 for top in large.paragraphs() for _ in top.walk())
    amendments, created = make_amendments(large, 2000)
    ours = best(lambda: apply_amendments(large, amendments))
    base = best(lambda: baseline_revise(large, amendments, created))
    print(f"revise large ({n_par} paragraphs) with {len(amendments)} amendments: "
          f"{ours * 1000:.1f} ms (target <= 1000 ms); str.replace baseline "
          f"{base * 1000:.1f} ms; ratio {ours / base:.1f}x")

    sentences = [to_instruction(a.operations[0]) for a in amendments[:1000]]
    parse_instructions(sentences[0])  # build the parser once, as a long-lived process does
    ours = best(lambda: [parse_instructions(s) for s in sentences])
    base = best(lambda: baseline_parse(sentences))
    print(f"parse 1000 instructions one by one: {ours * 1000:.1f} ms (target <= 200 ms); "
          f"regex baseline {base * 1000:.1f} ms; ratio {ours / base:.1f}x")
    batch = "\n".join(f"{i}. {s}" for i, s in enumerate(sentences, 1))
    ours_batch = best(lambda: parse_instructions(batch))
    print(f"parse 1000 instructions as one numbered list: {ours_batch * 1000:.1f} ms; "
          f"ratio to baseline {ours_batch / base:.1f}x")
    t = time.perf_counter()
    from lark import Lark  # noqa: F401 - the cost of a cold start, for the record
    from drafting.instructions import _parser
    _parser.cache_clear()
    parse_instructions(sentences[0])
    print(f"grammar load (cold, once per process): {(time.perf_counter() - t) * 1000:.1f} ms")

    rev = load(folder, "large_rev")
    ops = None

    def derive():
        nonlocal ops
        ops = derive_operations(large, rev)

    ours = best(derive, repeat=3)
    base = best(lambda: [p.text.split() == q.text.split()
                         for p, q in zip(large.paragraphs(), rev.paragraphs())], repeat=3)
    from drafting.amend import apply_operations
    got = apply_operations(large, ops)
    same = [p.full_text() for p in got.paragraphs()] == [p.full_text() for p in rev.paragraphs()]
    print(f"derive large -> large_rev: {ours * 1000:.1f} ms, {len(ops)} operations "
          f"(applied back: {'same texts' if same else 'DIFFERENT TEXTS'}); "
          f"word-split-compare baseline {base * 1000:.1f} ms; ratio {ours / base:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
