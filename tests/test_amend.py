"""Applying amendments, deriving them from an edited copy, collisions and stale ones."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import corpus_text
from drafting.amend import (apply_amendments, apply_operations, derive_operations,
                            find_collisions, stale_reason)
from drafting.errors import AmendmentError
from drafting.instructions import parse_amendment_document, parse_instructions, to_instruction
from drafting.model import Amendment, Operation, Paragraph, Resolution

O = Operation


def make(pp: list[str], op: list[str | tuple[str, list[str]]] = (), labels=None) -> Resolution:
    """A resolution from texts; an operative entry (text, [sub texts]) has sub-paragraphs."""
    pre = tuple(Paragraph(id=f"PP{i}", text=t, number=str(i), opener=t.split()[0])
                for i, t in enumerate(pp, 1))
    ops = []
    for i, item in enumerate(op, 1):
        label = labels[i - 1] if labels else str(i)
        text, subs = (item, []) if isinstance(item, str) else item
        ops.append(Paragraph(
            id=f"OP{label}", text=text, number=label, opener=text.split()[0],
            subparagraphs=tuple(Paragraph(id=f"OP{label}({c})", text=s, label=c,
                                          marker=f"({c})")
                                for c, s in zip("abcdefgh", subs))))
    return Resolution(preambular=pre, operative=tuple(ops))


def texts(res: Resolution) -> dict[str, str]:
    return {p.id: p.text for top in res.paragraphs() for p in top.walk()}


BASE = make(
    ["Recalling its resolution 79/1,", "Reaffirming the “vital pillar” of the Organization,"],
    ["Decides to continue the financing of the Office;",
     ("Requests the Secretary-General to report on:", ["the rights of the child;",
                                                      "the rights of women."]),
     "Calls upon States and other interested parties, in particular donors, to contribute;"])


def apply1(instruction: str, res: Resolution = BASE) -> dict[str, str]:
    return texts(apply_operations(res, parse_instructions(instruction), "A1"))


# --- text operations -------------------------------------------------------------------

def test_insert_after_anchor():
    got = apply1('In operative paragraph 1, after "financing" insert "and predictable"')
    assert got["OP1"] == "Decides to continue the financing and predictable of the Office;"


def test_insert_before_anchor_and_at_start():
    assert apply1('In OP1, before "the financing" insert "to ensure"')["OP1"] == \
        "Decides to continue to ensure the financing of the Office;"
    assert apply1('In OP1, before "Decides" insert "Also"')["OP1"] == \
        "Also Decides to continue the financing of the Office;"


def test_insert_punctuation_needs_no_space():
    assert apply1('In OP1, after "Office" insert ", as a matter of priority"')["OP1"] == \
        "Decides to continue the financing of the Office, as a matter of priority;"


def test_insert_at_end_goes_before_final_punctuation():
    assert apply1('At the end of operative paragraph 1, add "and to report thereon"')["OP1"] \
        == "Decides to continue the financing of the Office and to report thereon;"


def test_delete_text_leaves_one_space_and_no_space_before_comma():
    assert apply1('In OP3, delete "and other interested parties"')["OP3"] == \
        "Calls upon States, in particular donors, to contribute;"
    assert apply1('In OP1, delete "to continue"')["OP1"] == \
        "Decides the financing of the Office;"


def test_replace_keeps_the_documents_curly_quotes_around_the_change():
    assert apply1('In PP2, replace "vital pillar" with "central pillar"')["PP2"] == \
        "Reaffirming the “central pillar” of the Organization,"
    # Straight quotes in the instruction match the text's curly ones; the new words are
    # the delegation's, verbatim.
    assert apply1('In PP2, replace “"vital pillar" of” with “"central pillar" of”')["PP2"] \
        == 'Reaffirming the "central pillar" of the Organization,'


def test_matching_normalises_quotes_hyphens_and_spaces():
    res = make(["Noting the non\u2011binding “guidelines” of\u00a0the  Office,"])
    got = texts(apply_operations(res, [O("replace_text", "PP1",
                                         old='non-binding "guidelines" of the Office',
                                         new="binding rules of the Office")]))
    assert got["PP1"] == "Noting the binding rules of the Office,"


def test_matching_is_on_whole_words():
    res = make(["Noting other things and the rest,"])
    got = texts(apply_operations(res, [O("delete_text", "PP1", old="the")]))
    assert got["PP1"] == "Noting other things and rest,"


def test_occurrence_picks_the_nth_match():
    got = apply1('In OP1, replace the second occurrence of "to" with "TO"',
                 make([], ["Calls to States to contribute to peace;"]))
    assert got["OP1"] == "Calls to States TO contribute to peace;"
    got = apply1('In OP1, after "to" (third occurrence), insert "lasting"',
                 make([], ["Calls to States to contribute to peace;"]))
    assert got["OP1"] == "Calls to States to contribute to lasting peace;"


def test_text_in_sub_paragraph_found_through_its_parent_and_directly():
    assert apply1('In OP2, replace "women" with "women and girls"')["OP2(b)"] == \
        "the rights of women and girls."
    assert apply1('In operative paragraph 2 (a), replace "child" with "children"')["OP2(a)"] \
        == "the rights of the children;"


def test_replace_all():
    got = apply1('Throughout the text, replace "the rights" with "the human rights"')
    assert got["OP2(a)"] == "the human rights of the child;"
    assert got["OP2(b)"] == "the human rights of women."
    assert got["OP1"] == texts(BASE)["OP1"]


# --- paragraph operations --------------------------------------------------------------

def test_insert_paragraph_bis_ter_and_order():
    res = apply_operations(BASE, parse_instructions(
        '1. After operative paragraph 1, insert a new operative paragraph, reading: '
        '"Welcomes the report;"\n'
        '2. After operative paragraph 1, insert a new paragraph reading: "Notes the plan;"\n'
        '3. After the second preambular paragraph, insert a new preambular paragraph: '
        '"Mindful of the needs,"'))
    assert [p.id for p in res.operative] == ["OP1", "OP1bis", "OP1ter", "OP2", "OP3"]
    assert [p.id for p in res.preambular] == ["PP1", "PP2", "PP2bis"]
    new = res.find("OP1bis")
    assert (new.number, new.text, new.opener) == ("1bis", "Welcomes the report;", "Welcomes")
    assert res.find("PP2bis").opener == "Mindful"


def test_insert_before_first_and_before_a_paragraph():
    res = apply_operations(BASE, [
        O("insert_paragraph", "PP1", new="Guided by the Charter,", position="before PP1"),
        O("insert_paragraph", "OP2", new="Urges all;", position="before OP2")])
    assert [p.id for p in res.preambular] == ["PP0bis", "PP1", "PP2"]
    assert [p.id for p in res.operative] == ["OP1", "OP1bis", "OP2", "OP3"]


def test_delete_paragraph_removes_it_and_keeps_other_ids():
    res = apply_operations(BASE, parse_instructions("Delete operative paragraph 2 and PP1."))
    assert [p.id for p in res.paragraphs()] == ["PP2", "OP1", "OP3"]
    assert res.operative[1] == BASE.operative[2]
    res = apply_operations(BASE, parse_instructions("Delete subparagraph (a) of operative "
                                                    "paragraph 2"))
    assert [s.id for s in res.find("OP2").subparagraphs] == ["OP2(b)"]


def test_insert_sub_paragraph_a_bis_a_ter():
    res = apply_operations(BASE, parse_instructions(
        'After operative paragraph 2 (a), insert a new paragraph: "the rights of girls;"\n'
        'After OP2(a), insert a new paragraph: "the rights of boys;"\n'
        'Before OP2(b), insert a new paragraph: "the rights of youth;"'))
    assert [(s.id, s.label, s.marker, s.text) for s in res.find("OP2").subparagraphs] == [
        ("OP2(a)", "a", "(a)", "the rights of the child;"),
        ("OP2(abis)", "abis", "(a bis)", "the rights of girls;"),
        ("OP2(ater)", "ater", "(a ter)", "the rights of boys;"),
        ("OP2(aquater)", "aquater", "(a quater)", "the rights of youth;"),
        ("OP2(b)", "b", "(b)", "the rights of women."),
    ]


def test_insert_sub_paragraph_before_the_first_one():
    """Before (a) come (0 bis), (0 ter), as a paragraph before PP1 is PP0bis; each reads
    back from the text, says itself as an instruction, and the final text re-letters all."""
    from drafting.finalize import renumber
    from drafting.parse import parse_text
    from drafting.render.text import render_text

    ops = parse_instructions(
        'Before subparagraph (a) of operative paragraph 2, insert a new subparagraph, '
        'reading: "the rights of girls;"\n'
        'Before OP2(a), insert a new paragraph: "the rights of boys;"\n'
        'Before OP2(0bis), insert a new subparagraph: "the rights of all;"')
    res = apply_operations(BASE, ops)
    assert [(s.id, s.marker, s.text) for s in res.find("OP2").subparagraphs] == [
        ("OP2(0quater)", "(0 quater)", "the rights of all;"),
        ("OP2(0bis)", "(0 bis)", "the rights of girls;"),
        ("OP2(0ter)", "(0 ter)", "the rights of boys;"),
        ("OP2(a)", "(a)", "the rights of the child;"),
        ("OP2(b)", "(b)", "the rights of women."),
    ]
    assert parse_instructions("\n".join(to_instruction(op) for op in ops)) == ops
    assert to_instruction(ops[0]) == ('Before operative paragraph 2 (a), insert a new '
                                      'subparagraph, reading: "the rights of girls;".')
    again = parse_text(render_text(res))
    assert [(s.id, s.marker) for s in again.find("OP2").subparagraphs] == [
        (s.id, s.marker) for s in res.find("OP2").subparagraphs]
    final, mapping = renumber(again)
    assert [(s.id, s.marker) for s in final.find("OP2").subparagraphs] == [
        ("OP2(a)", "(a)"), ("OP2(b)", "(b)"), ("OP2(c)", "(c)"), ("OP2(d)", "(d)"),
        ("OP2(e)", "(e)")]
    assert mapping["OP2(0bis)"] == "OP2(b)" and mapping["OP2(a)"] == "OP2(d)"


def test_derive_sub_paragraph_before_the_first_one():
    """An edited copy with a new sub-paragraph above (a), whatever the delegation labelled
    it, becomes an insertion before OP2(a); it used to be left out without a word."""
    for label in ("a bis", "new", "z"):
        new = BASE.evolve(operative=(BASE.operative[0], Paragraph(
            "OP2", BASE.operative[1].text, "2", opener="Requests",
            subparagraphs=(Paragraph(f"OP2({label})", "the rights of girls;", label=label,
                                     marker=f"({label})"),) + BASE.operative[1].subparagraphs),
            BASE.operative[2]))
        ops = derive_operations(BASE, new)
        assert ops == (O("insert_paragraph", "OP2(a)", new="the rights of girls;",
                         position="before OP2(a)"),)
        got = apply_operations(BASE, ops)
        assert [p.full_text() for p in got.paragraphs()] == [p.full_text() for p in new.paragraphs()]


def test_derive_new_sub_paragraph():
    new = BASE.evolve(operative=(BASE.operative[0], Paragraph(
        "OP2", BASE.operative[1].text, "2", opener="Requests",
        subparagraphs=BASE.operative[1].subparagraphs + (
            Paragraph("OP2(c)", "the rights of older persons.", label="c", marker="(c)"),)),
        BASE.operative[2]))
    ops = derive_operations(BASE, new)
    assert ops == (O("insert_paragraph", "OP2(b)", new="the rights of older persons.",
                     position="after OP2(b)"),)
    got = apply_operations(BASE, ops)
    assert [p.full_text() for p in got.paragraphs()] == [p.full_text() for p in new.paragraphs()]
    assert got.find("OP2(bbis)").marker == "(b bis)"


def test_replace_and_move_paragraph():
    res = apply_operations(BASE, parse_instructions(
        'Replace operative paragraph 2 with the following: "Requests a report;"\n'
        "Move operative paragraph 1 to follow operative paragraph 3"))
    assert [p.id for p in res.operative] == ["OP2", "OP3", "OP1"]
    assert res.find("OP2") == Paragraph(id="OP2", text="Requests a report;", number="2",
                                        opener="Requests")


def test_apply_is_pure():
    before = texts(BASE)
    apply_operations(BASE, parse_instructions("Delete OP1. In OP3, delete \"States\""))
    assert texts(BASE) == before


# --- errors ----------------------------------------------------------------------------

@pytest.mark.parametrize("instruction, message", [
    ('In OP7, delete "x"', "amendment A1 (target OP7): OP7 does not exist"),
    ("Delete operative paragraph 2 (d)",
     "amendment A1 (target OP2(d)): OP2(d) does not exist"),
    ('In OP1, delete "budget"', "amendment A1 (target OP1): text 'budget' not found in OP1"),
    ('In OP1, after "budget" insert "x"',
     "amendment A1 (target OP1): anchor 'budget' not found in OP1"),
    ('In OP2, replace "the rights" with "rights"',
     "amendment A1 (target OP2): text 'the rights' occurs 2 times in OP2; say which "
     "(\"the second occurrence of ...\")"),
    ('In OP2, replace the third occurrence of "the rights" with "rights"',
     "amendment A1 (target OP2): text 'the rights' occurs 2 time(s) in OP2, there is no "
     "occurrence 3"),
    ('After OP9, insert a new paragraph: "x"', "amendment A1 (target OP9): OP9 does not exist"),
    ('Throughout the text, replace "budget" with "x"',
     "amendment A1: text 'budget' not found anywhere in the text"),
])
def test_errors_name_amendment_and_target(instruction, message):
    with pytest.raises(AmendmentError) as e:
        apply_operations(BASE, parse_instructions(instruction), "A1")
    assert str(e.value) == message


def test_apply_amendments_in_order_and_error_names_the_failing_one():
    a1 = Amendment("A1", parse_instructions('In OP1, replace "Office" with "Bureau"'), ("Chile",))
    a2 = Amendment("A2", parse_instructions('In OP1, after "Bureau" insert "itself"'), ("Peru",))
    assert texts(apply_amendments(BASE, [a1, a2]))["OP1"] == \
        "Decides to continue the financing of the Bureau itself;"
    with pytest.raises(AmendmentError) as e:
        apply_amendments(BASE, [a2, a1])
    assert (e.value.amendment, e.value.target) == ("A2", "OP1")


# --- the real L.65 on the real L.24 ----------------------------------------------------

def test_l65_applied_to_l24():
    from drafting.parse import parse_text

    l24 = parse_text(corpus_text("un-ga-c3-80-L24-draft-report-hrc.txt"))
    l65 = parse_amendment_document(corpus_text("un-ga-c3-80-L65-amendment-report-hrc.txt"))
    rev = apply_amendments(l24, [Amendment("L.65", l65.operations, l65.sponsors)])
    assert l24.find("PP3").text.startswith("Recalling further its resolution 79/192")
    assert l24.find("OP2").text.startswith("Encourages Member States to streamline")
    assert rev.find("PP3") is None and rev.find("OP2") is None
    assert rev.preambular == tuple(p for p in l24.preambular if p.id != "PP3")
    assert rev.operative == tuple(p for p in l24.operative if p.id != "OP2")
    assert rev.evolve(preambular=l24.preambular, operative=l24.operative) == l24


# --- collisions and stale amendments ---------------------------------------------------

def amendment(aid: str, instruction: str, status: str = "proposed") -> Amendment:
    return Amendment(aid, parse_instructions(instruction), ("X",), status=status)


def test_collisions():
    pending = [
        amendment("A1", 'In OP3, replace "other interested parties" with "others"'),
        amendment("A2", 'In OP3, delete "interested"'),
        amendment("A3", 'In OP3, delete "donors"'),
        amendment("A4", "Delete operative paragraph 2"),
        amendment("A5", 'In OP2 (b), replace "women" with "girls"'),
        amendment("A6", "Delete OP2"),
        amendment("A7", 'In OP1, delete "continue"', status="rejected"),
        amendment("A8", 'In OP1, delete "continue the"'),
    ]
    assert find_collisions(BASE, pending) == [
        ("A1", "A2", "both change 'interested' in OP3"),
        ("A4", "A5", "A4 deletes OP2, which A5 amends"),
        ("A4", "A6", "both delete OP2"),
        ("A5", "A6", "A6 deletes OP2, which A5 amends"),
    ]


def test_stale_reason():
    rev = apply_operations(BASE, parse_instructions('Delete OP2. In OP1, delete "financing"'))
    assert stale_reason(rev, amendment("A1", 'In OP2, delete "x"')) == "OP2 no longer exists"
    assert stale_reason(rev, amendment("A2", 'In OP1, after "financing" insert "x"')) == \
        "anchor 'financing' no longer in OP1"
    assert stale_reason(rev, amendment("A3", 'In OP1, after "Office" insert "x"')) is None


# --- the reverse direction -------------------------------------------------------------

def test_derive_word_level_operations():
    new = make([p.text for p in BASE.preambular],
               ["Decides to continue the predictable financing of the Office;",
                ("Requests the Secretary-General to report on:",
                 ["the rights of the girl child;", "the rights of women."]),
                "Calls upon States, in particular donors, to contribute generously;"])
    ops = derive_operations(BASE, new)
    # "the" alone is not unique in OP1: the anchor grows to "continue the".
    assert ops == (
        O("insert_text", "OP1", anchor="continue the", new="predictable", position="after"),
        O("insert_text", "OP2(a)", anchor="of the", new="girl", position="after"),
        O("replace_text", "OP3", old="States and other interested parties,", new="States,"),
        O("replace_text", "OP3", old="contribute;", new="contribute generously;"),
    )
    assert texts(apply_operations(BASE, ops)) == texts(new)


def test_derive_anchors_are_unique():
    old = make([], ["Calls to States to contribute to peace;"])
    new = make([], ["Calls to States to contribute to lasting peace;"])
    assert derive_operations(old, new) == (
        O("insert_text", "OP1", anchor="contribute to", new="lasting", position="after"),)


def test_derive_whole_paragraphs():
    new = Resolution(
        preambular=(Paragraph("PP1", "Guided by the Charter,"),) + BASE.preambular,
        operative=(BASE.operative[0], BASE.operative[2],
                   Paragraph("OP4", "Decides to remain seized of the matter.")))
    ops = derive_operations(BASE, new)
    assert ops == (
        O("insert_paragraph", "PP1", new="Guided by the Charter,", position="before PP1"),
        O("insert_paragraph", "OP3", new="Decides to remain seized of the matter.",
          position="after OP3"),
        O("delete_paragraph", "OP2"),
    )
    got = apply_operations(BASE, ops)
    assert [p.text for p in got.paragraphs()] == [p.text for p in new.paragraphs()]
    assert [p.id for p in got.paragraphs()] == ["PP0bis", "PP1", "PP2", "OP1", "OP3", "OP3bis"]


def test_derive_moves():
    new = BASE.evolve(operative=(BASE.operative[2], BASE.operative[0], BASE.operative[1]))
    ops = derive_operations(BASE, new)
    assert ops == (O("move_paragraph", "OP3", position="before OP1"),)
    assert apply_operations(BASE, ops).operative == new.operative


_WORDS = ["the", "rights", "of", "States", "and", "to", "Office,", "“vital”", "report;", "a",
          "peace", "the", "the"]


@st.composite
def _edited(draw):
    """A resolution and an edited copy: words inserted, deleted, replaced; paragraphs
    inserted, deleted and moved."""
    n_pp, n_op = draw(st.integers(1, 4)), draw(st.integers(1, 5))
    texts_ = [" ".join(draw(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=12)))
              for _ in range(n_pp + n_op)]
    with_subs = [(t, [f"{draw(st.sampled_from(_WORDS))} sub {k};" for k in range(
        draw(st.integers(0, 2)))]) for t in texts_[n_pp:]]
    old = make(texts_[:n_pp], with_subs)
    pars = {"PP": list(old.preambular), "OP": list(old.operative)}
    for kind in ("PP", "OP"):
        out = []
        for p in pars[kind]:
            action = draw(st.sampled_from(["keep", "edit", "edit", "delete", "add"]))
            if action == "delete":
                continue
            if action == "edit":
                words = p.text.split(" ")
                for _ in range(draw(st.integers(1, 3))):
                    at = draw(st.integers(0, len(words)))
                    how = draw(st.sampled_from(["ins", "del", "rep"]))
                    if how == "ins":
                        words[at:at] = draw(st.lists(st.sampled_from(_WORDS), min_size=1,
                                                     max_size=3))
                    elif how == "del":
                        del words[at:at + draw(st.integers(1, 3))]
                    else:
                        words[at:at + 1] = [draw(st.sampled_from(_WORDS))]
                if not words:
                    words = ["peace"]
                subs = list(p.subparagraphs)
                if subs and draw(st.booleans()):
                    subs.pop(draw(st.integers(0, len(subs) - 1)))
                if subs and draw(st.booleans()):
                    # a sub-paragraph added after an existing one
                    subs.append(Paragraph(f"{p.id}(z)", "added sub;", label="z", marker="(z)"))
                p = Paragraph(p.id, " ".join(words), p.number, opener=words[0],
                              subparagraphs=tuple(subs))
            out.append(p)
            if action == "add":
                out.append(Paragraph(f"{kind}new{len(out)}", "Welcomes the new text of "
                                     + draw(st.sampled_from(_WORDS)) + f" {len(out)};"))
        if draw(st.booleans()) and len(out) > 1:
            out.append(out.pop(draw(st.integers(0, len(out) - 2))))
        pars[kind] = out
    return old, Resolution(preambular=tuple(pars["PP"]), operative=tuple(pars["OP"]))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_edited())
def test_derive_round_trip(pair):
    old, new = pair
    got = apply_operations(old, derive_operations(old, new))
    assert [p.full_text() for p in got.preambular] == [p.full_text() for p in new.preambular]
    assert [p.full_text() for p in got.operative] == [p.full_text() for p in new.operative]


def test_a_first_subparagraph_goes_into_a_paragraph_that_has_none():
    from drafting.parse import parse_text
    from drafting.render.text import render_text

    res = parse_text("The General Assembly,\n\n1. Decides to act;\n\n2. Requests the following:\n\n"
                     "(a) A report;\n")
    ops = parse_instructions('In operative paragraph 1, insert a new subparagraph, reading: '
                             '"In good faith;"')
    out = apply_operations(res, ops, "A9")
    assert [(s.id, s.marker, s.text) for s in out.find("OP1").subparagraphs] == [
        ("OP1(a)", "(a)", "In good faith;")]
    assert parse_text(render_text(out)).find("OP1(a)").text == "In good faith;"
    # Under a sub-paragraph, the first is (i).
    out = apply_operations(res, [Operation("insert_paragraph", "OP2(a)", new="Annual;",
                                           position="into OP2(a)")])
    assert out.find("OP2(a)(i)").text == "Annual;"
    # A paragraph that has sub-paragraphs takes new ones after one of them.
    with pytest.raises(AmendmentError) as e:
        apply_operations(res, [Operation("insert_paragraph", "OP2", new="x", position="into OP2")],
                         "A10")
    assert "A10" in str(e.value) and "OP2" in str(e.value)


def test_amendments_to_the_title():
    from drafting.parse import parse_text

    res = parse_text(corpus_text("un-ga-80-L2-draft-palestine-participation-original.txt"))
    ops = parse_instructions('In the title of the draft resolution, replace "during" with "at".')
    assert [(o.op, o.target) for o in ops] == [("replace_text", "title")]
    out = apply_operations(res, ops, "A1")
    assert out.title == "Participation by the State of Palestine at the eightieth session"
    assert (out.preambular, out.operative) == (res.preambular, res.operative)
    with pytest.raises(AmendmentError) as e:
        apply_operations(res, parse_instructions('In the title, delete "Assembly".'), "A2")
    assert "A2" in str(e.value) and "title" in str(e.value)
    # An edited copy with another title gives the same instruction back.
    derived = derive_operations(res, out)
    assert apply_operations(res, derived).title == out.title
    assert all(o.target == "title" for o in derived)


def test_title_amendments_collide_and_show_in_the_compilation():
    from drafting.docx_read import docx_to_text
    from drafting.parse import parse_text
    from drafting.render.revisions import render_compilation

    res = parse_text(corpus_text("un-ga-c3-80-L24-draft-report-hrc.txt"))
    a = Amendment("A2", parse_instructions('In the title, replace "Report" with "Annual report"'),
                  ("Chile",))
    b = Amendment("A3", parse_instructions('In the title, replace "Report" with "The report"'),
                  ("Peru",))
    assert find_collisions(res, [a, b]) == [("A2", "A3", "both change 'Report' in the title")]
    data = render_compilation(res, [a, b])
    accepted = docx_to_text(data)
    assert "Title (Chile, A2): Annual report of the Human Rights Council" in accepted
    assert "Title (Peru, A3): The report of the Human Rights Council" in accepted
    assert "Title (Chile, A2): Report of the Human Rights Council" in docx_to_text(data, changes="reject")
    # "At the end of the title" is an instruction the grammar reads back.
    op = Operation("insert_text", "title", new="and its addendum", position="end")
    assert parse_instructions(to_instruction(op)) == (op,)


def test_deleting_a_paragraph_passes_its_heading_on():
    from drafting.parse import parse_text

    res = parse_text("The General Assembly,\n\nRecalling its resolution,\n\n5. Decides that:\n\n"
                     "**Option 1:**\n\n(a) the first;\n\n(b) the second;\n\n**Option 2:**\n\n"
                     "(a) the third;\n\n### II. Follow-up\n\n6. Requests a report.\n\n"
                     "7. Decides to remain seized.\n")
    out = apply_operations(res, parse_instructions("Delete operative paragraph 5 (a)."))
    assert [(s.id, s.heading) for s in out.find("OP5").subparagraphs] == [
        ("OP5(b)", ("**Option 1:**",)), ("OP5(a)#2", ("**Option 2:**",))]
    out = apply_operations(res, parse_instructions("Delete operative paragraph 6."))
    assert out.find("OP7").heading == ("### II. Follow-up",)


def test_a_repeated_number_cannot_be_named_and_says_so():
    from drafting.instructions import paragraph_name

    with pytest.raises(AmendmentError) as e:
        paragraph_name("OP5(a)#2")
    assert "OP5(a)#2" in str(e.value) and "option" in str(e.value)


def test_the_compilation_prints_the_headings_of_subparagraphs():
    from drafting.docx_read import docx_to_text
    from drafting.parse import parse_text
    from drafting.render.revisions import render_compilation

    res = parse_text("The General Assembly,\n\nRecalling its resolution,\n\n5. Decides that:\n\n"
                     "**Option 1:**\n\n(a) the first;\n\n**Option 2:**\n\n(a) the third;\n")
    text = docx_to_text(render_compilation(res, []))
    assert text.index("**Option 1:**") < text.index("the first") < text.index("**Option 2:**") \
        < text.index("the third")


def test_a_paragraph_joining_a_sole_unnumbered_one_numbers_it():
    """Once a second operative paragraph joins an unnumbered sole one, both are numbered
    (1, 1bis) and read back so; the final text numbers them 1, 2. Alone, it stays
    unnumbered through amendments and the final text."""
    from drafting.finalize import renumber
    from drafting.parse import parse_text
    from drafting.render.text import render_text

    res = parse_text("The General Assembly,\n\nRecalling its resolution 1,\n\n"
                     "Takes note of the report.\n")
    assert [(p.id, p.number) for p in res.operative] == [("OP1", None)]
    joined = apply_operations(res, parse_instructions(
        'After operative paragraph 1, insert a new paragraph: "Decides to continue."'))
    assert [(p.id, p.number) for p in joined.operative] == [("OP1", "1"), ("OP1bis", "1bis")]
    assert parse_text(render_text(joined)) == joined
    assert [(p.id, p.number) for p in renumber(joined)[0].operative] == [("OP1", "1"),
                                                                         ("OP2", "2")]
    alone = apply_operations(res, parse_instructions(
        'In operative paragraph 1, replace "Takes note" with "Welcomes"'))
    assert [(p.id, p.number) for p in alone.operative] == [("OP1", None)]
    assert [(p.id, p.number) for p in renumber(alone)[0].operative] == [("OP1", None)]
    assert parse_text(render_text(alone)) == alone


def test_a_run_on_decision_gets_its_body_line_back_once_numbered():
    from drafting.parse import parse_text
    from drafting.render.text import render_text

    res = parse_text("The General Assembly decides to defer the question to its next session.\n")
    assert res.body_runs_on
    joined = apply_operations(res, parse_instructions(
        'After operative paragraph 1, insert a new paragraph: "Requests a report."'))
    assert joined.run_on_paragraph() is None         # numbered now: under the body line
    assert "The General Assembly,\n\n1. decides to defer" in render_text(joined)
    assert parse_text(render_text(joined)) == joined
    # Alone and unnumbered again in the final text, the body runs on into it once more.
    from drafting.finalize import renumber

    alone = renumber(apply_operations(joined, parse_instructions("Delete OP1bis.")))[0]
    assert alone.run_on_paragraph() is alone.operative[0]
    assert render_text(alone).endswith(
        "The General Assembly decides to defer the question to its next session.\n")


def test_a_real_amendment_document_applies_to_its_real_draft():
    """A/80/L.35 on A/80/L.27: "Replace "Chornobyl" with "Chernobyl" in the title, the
    preambular paragraphs and the operative paragraphs", then, quoting the tabled text,
    "In operative paragraph 14, replace "... the Chornobyl disaster" with "... the
    Chernobyl disaster"": the quoted tabled words are found through the replacement made
    before them."""
    from pathlib import Path

    from drafting.amend import apply_operations
    from drafting.parse import parse_text

    real = Path(__file__).parent / "fixtures" / "real"
    draft = parse_text((real / "A_80_L.27.txt").read_text(encoding="utf-8"))
    doc = parse_amendment_document((real / "A_80_L.35.txt").read_text(encoding="utf-8"))
    assert doc.amends == draft.symbol == "A/80/L.27"
    new = apply_operations(draft, doc.operations, "A1")
    words = [new.title] + [p.text for top in new.paragraphs() for p in top.walk()]
    assert not any("Chornobyl" in w for w in words)
    assert new.title.endswith("the Chernobyl disaster")
    assert [p.id for p in new.operative] == ["OP1", "OP2", "OP3", "OP4", "OP7", "OP8", "OP9",
                                             "OP11", "OP12", "OP14"]
    assert new.operative[0].text.startswith("Takes note of")
    assert "of Ukraine" not in new.preambular[1].text
    assert len(draft.preambular) == 7      # the sponsors' note at a page's foot is no paragraph


def test_a_replacement_throughout_leaves_the_amendments_own_words():
    """Instructions apply in the order written: a replacement throughout the text does not
    rewrite the new paragraph the same amendment inserts after it."""
    from drafting.parse import parse_text

    res = parse_text("The General Assembly,\n\nRecalling Member States,\n\n"
                     "1. Invites Member States to act.\n")
    ops = parse_instructions('1. Throughout the text, replace "Member States" with "States".\n'
                             '2. After operative paragraph 1, insert a new operative paragraph, '
                             'reading: "Invites Member States of the specialized agencies;"')
    new = apply_operations(res, ops)
    assert [p.text for p in new.paragraphs()] == [
        "Recalling States,", "Invites States to act.",
        "Invites Member States of the specialized agencies;"]


def test_a_replacement_throughout_collides_with_an_edit_of_the_title():
    """The replacement throughout reaches the title now: an edit of the same words there
    is a collision, found before either is accepted."""
    from drafting.parse import parse_text

    res = parse_text("Chornobyl disaster\n\nThe General Assembly,\n\nRecalling x,\n\n"
                     "1. Decides y.\n")
    assert find_collisions(res, [
        amendment("A1", 'Throughout the text, replace "Chornobyl" with "Chernobyl".'),
        amendment("A2", 'In the title, replace "Chornobyl disaster" with "Chornobyl '
                        'catastrophe".')]) == [("A1", "A2", "both change 'Chornobyl' in the title")]


def test_a_paragraph_inserted_among_lettered_decisions_is_lettered():
    """Among "(a) Approves ...; (b) Invites ...", a new paragraph after (a) is "(a bis)",
    and the final text letters them again: (a), (b), (c)."""
    from drafting.finalize import renumber
    from drafting.parse import parse_text
    from drafting.render.text import render_text

    res = parse_text("Draft decision\n\nProgramme of work\n\nThe General Assembly:\n\n"
                     "(a) Approves the programme;\n\n(b) Invites the Bureau to act.\n")
    new = apply_operations(res, parse_instructions(
        'After operative paragraph 1, insert a new operative paragraph, reading: '
        '"Requests a report;"'))
    assert [(p.id, p.number, p.marker) for p in new.operative] == [
        ("OP1", None, "(a)"), ("OP1bis", None, "(a bis)"), ("OP2", None, "(b)")]
    assert "\n(a bis) Requests a report;\n" in render_text(new)
    assert parse_text(render_text(new)) == new          # "(a bis)" reads back as OP1bis
    before = apply_operations(res, parse_instructions(
        'Before operative paragraph 2, insert a new operative paragraph, reading: "Notes n;"'
        '\nBefore operative paragraph 1, insert a new operative paragraph, reading: '
        '"Welcomes w;"'))
    assert [(p.id, p.marker) for p in before.operative] == [
        ("OP0bis", "(0 bis)"), ("OP1", "(a)"), ("OP1bis", "(a bis)"), ("OP2", "(b)")]
    final, _ = renumber(new)
    assert [(p.id, p.number, p.marker) for p in final.operative] == [
        ("OP1", None, "(a)"), ("OP2", None, "(b)"), ("OP3", None, "(c)")]
