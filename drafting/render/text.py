"""Canonical plain text of a resolution: one paragraph per line, blank lines between.

parse_text(render_text(r)) == r for every parsed document: the front matter is printed in
the forms the parser reads (symbol, "Sponsors: draft resolution" or a kind label, title,
sponsorship note), footnotes after a rule at the end.
"""
from __future__ import annotations

from drafting.model import Paragraph, Resolution

KIND_LABELS = {
    "draft_resolution": "Draft resolution",
    "draft_decision": "Draft decision",
    "resolution": "Resolution",
    "negotiating_text": "Negotiating text",
}


def join_names(names) -> str:
    """("Belarus", "Russian Federation") -> "Belarus and Russian Federation"."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _paragraph(p: Paragraph, out: list[str], pp_labels: bool = False, lead: str = "") -> None:
    """`lead`: the body a decision's paragraph runs on from ("The General Assembly")."""
    for line in p.heading:
        out += [line, ""]
    if lead:
        out.append(f"{lead} {p.text}".rstrip())
    elif p.label is not None:
        out.append(f"{p.marker or '(' + p.label + ')'} {p.text}".rstrip())
    elif p.id.startswith("OP") and p.number:
        out.append(f"{p.number}. {p.text}".rstrip())
    elif p.id.startswith("OP") and p.marker:
        out.append(f"{p.marker} {p.text}".rstrip())        # a decision's "(a) Approves"
    elif pp_labels:
        out.append(f"PP{p.number} {p.text}".rstrip())
    else:
        out.append(p.text)
    out.append("")
    for s in p.subparagraphs:
        _paragraph(s, out)


def render_text(res: Resolution) -> str:
    out: list[str] = []
    if res.symbol:
        out += [res.symbol, ""]
    label = KIND_LABELS.get(res.kind, "Draft resolution")
    if res.sponsors and not res.sponsor_note and res.kind in ("draft_resolution", "draft_decision"):
        out += [f"{join_names(res.sponsors)}: {label.lower()}", ""]
    else:
        out += [label, ""]
    if res.title:
        out += [res.title, ""]
    if res.sponsor_note:
        out += [res.sponsor_note, ""]
    for note in res.notes:
        out += [note, ""]
    # A decision's body runs on into its (unnumbered) first paragraph: "The General
    # Assembly decides to ...".
    lead = res.run_on_lead()
    if not lead:
        out += [res.body_line, ""]
    # Preambular paragraphs are printed unnumbered, as adopted texts print them, unless one
    # carries an inserted label (PP3bis while negotiating): then all as "PP3bis ...". A gap
    # left by a deleted paragraph is not printed; the store keeps ids in its JSON.
    live = [p for p in res.preambular if p.status != "deleted"]
    pp_labels = any(p.number and not p.number.isdigit() for p in live)
    for p in live:
        _paragraph(p, out, pp_labels, lead)
        lead = ""
    if res.transition:
        out += [res.transition, ""]
    for p in res.operative:
        if p.status != "deleted":
            _paragraph(p, out, lead=lead)
            lead = ""
    # The closing: its trailer lines before the footnotes (a footnote block runs on to the
    # next page header, so lines after it would read as footnote text), an annex after them.
    annex = len(res.closing)
    if res.closing:
        from drafting.preprocess import is_annex_heading   # the lexer's own test (imports lark)

        annex = next((k for k, line in enumerate(res.closing) if is_annex_heading(line)), annex)
    if annex:
        out += [*res.closing[:annex], ""]
    # The footnotes no paragraph cites come after the others: read back, each cited one
    # finds its paragraph as before, and the others still find none after it.
    notes = [f for top in res.paragraphs() for p in top.walk() for f in p.footnotes] + \
        list(res.footnotes)
    if notes:
        out += ["__________", ""]
        out += [f"{f.mark} {f.text}" for f in notes]
        out.append("")
    if annex < len(res.closing):
        out += [*res.closing[annex:], ""]
    return "\n".join(out).rstrip("\n") + "\n"
