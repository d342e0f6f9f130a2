"""Amendment instructions and amendment documents: the real documents, the forms
delegations write, error messages, and to_instruction <-> parse_instructions."""
from __future__ import annotations

import logging

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import corpus_expected, corpus_text, real_text, without_blank_lines
from drafting.errors import ParseError
from drafting.instructions import (is_amendment_document, ordinal_value, ordinal_word,
                                   paragraph_name, parse_amendment_document,
                                   parse_instructions, split_sponsors, to_instruction)
from drafting.model import Operation
from drafting.parse import grammar_dir

AMENDMENTS = [
    "un-ga-c3-80-L56-amendment-nazism",
    "un-ga-c3-80-L61-amendment-rights-of-child",
    "un-ga-c3-80-L62-amendment-rights-of-child",
    "un-ga-c3-80-L65-amendment-report-hrc",
]


# --- the real documents ----------------------------------------------------------------

@pytest.mark.parametrize("stem", AMENDMENTS)
def test_corpus_amendment_document(stem):
    text = corpus_text(stem + ".txt")
    exp = corpus_expected(stem)
    assert is_amendment_document(text)
    got = parse_amendment_document(text, stem + ".txt").to_dict()
    assert got["kind"] == "amendment"
    assert got["symbol"] == exp["symbol"]
    assert got["amends"] == exp["amends"]
    assert got["sponsors"] == exp["sponsors"]
    assert len(got["operations"]) == len(exp["operations"])
    for want, have in zip(exp["operations"], got["operations"]):
        for key in ("op", "target", "anchor", "old", "position"):
            assert have[key] == want[key], key
        if want["op"] == "insert_paragraph":
            assert have["new"].startswith(want["new"])
        else:
            assert have["new"] == want["new"]


REAL_AMENDMENTS = ("A_80_L.20.txt", "A_80_L.35.txt", "A_80_L.40.txt", "A_C.3_80_L.58.txt")


def _degraded(form: str, text: str) -> str:
    if form == "without blank lines":
        return without_blank_lines(text)
    return " ".join(text.split()) + "\n"           # run together on one line


@pytest.mark.parametrize("form", ["without blank lines", "on one line"])
@pytest.mark.parametrize("name", [stem + ".txt" for stem in AMENDMENTS] + list(REAL_AMENDMENTS))
def test_a_degraded_amendment_document_reads_the_same(form, name):
    """Extractions that lose the blank lines: the sponsors' line runs on into the title and
    the title into the first instruction ("... intolerance" / "After operative paragraph 3,
    insert ..."; "Rights of the child" / "1." / "In the fourteenth ..."), and the notes
    ("* Any changes to the list of sponsors ...") follow the last instruction directly.
    Run together on one line: the sponsors' names begin with the first State's name after
    the agenda item's title, the title runs to the first instruction ("... intolerance
    After operative paragraph 3, insert ..."), and page marks and starred notes inside
    are taken out."""
    text = real_text(name) if name in REAL_AMENDMENTS else corpus_text(name)
    degraded = _degraded(form, text)
    assert len(degraded.splitlines()) < len(text.splitlines())
    want = parse_amendment_document(text, "a.txt").to_dict()
    got = parse_amendment_document(degraded, "a.txt").to_dict()
    for key in ("symbol", "amends", "sponsors", "title", "notes"):
        assert got.get(key) == want.get(key), key
    assert [{k: v for k, v in op.items() if k != "line"} for op in got["operations"]] == \
        [{k: v for k, v in op.items() if k != "line"} for op in want["operations"]]
    assert want["operations"] and want["title"]


def test_an_error_in_a_run_together_document_points_into_the_line():
    flat = " ".join(corpus_text("un-ga-c3-80-L65-amendment-report-hrc.txt").replace(
        "Delete the third", "Delete the thrid").split()) + "\n"
    with pytest.raises(ParseError) as e:
        parse_amendment_document(flat, "flat.txt")
    assert (e.value.line, flat[e.value.column - 1:e.value.column + 4]) == (1, "thrid")


def test_l56_whole_document():
    doc = parse_amendment_document(corpus_text("un-ga-c3-80-L56-amendment-nazism.txt"))
    assert doc.title == ("Combating glorification of Nazism, neo-Nazism and other practices "
                         "that contribute to fuelling contemporary forms of racism, racial "
                         "discrimination, xenophobia and related intolerance")
    assert doc.operations == (Operation(
        "insert_paragraph", "OP3", position="after OP3",
        new="Notes with alarm that the Russian Federation has sought to justify its "
            "territorial aggression against Ukraine on the purported basis of eliminating "
            "neo-Nazism, and underlines that the pretextual use of neo-Nazism to justify "
            "territorial aggression seriously undermines genuine attempts to combat "
            "neo-Nazism;"),)


def test_l62_unquoted_paragraph_ends_with_its_comma():
    doc = parse_amendment_document(corpus_text("un-ga-c3-80-L62-amendment-rights-of-child.txt"))
    (op,) = doc.operations
    assert op.new.endswith("particularly regarding health and education,")
    assert doc.title == "Rights of the child"


def test_l65_document():
    doc = parse_amendment_document(corpus_text("un-ga-c3-80-L65-amendment-report-hrc.txt"))
    assert doc.symbol == "A/C.3/80/L.65"
    assert doc.amends == "A/C.3/80/L.24"
    assert doc.title == "Report of the Human Rights Council"
    assert doc.operations == (Operation("delete_paragraph", "PP3"),
                              Operation("delete_paragraph", "OP2"))
    assert doc.sponsors[-2:] == ("United Kingdom of Great Britain and Northern Ireland",
                                 "Uruguay")


def test_resolutions_are_not_amendment_documents():
    assert not is_amendment_document(corpus_text("un-ga-c3-80-L24-draft-report-hrc.txt"))
    assert not is_amendment_document(corpus_text("oas-cam-report-2013.txt"))


@pytest.mark.parametrize("text, want", [
    ("Belarus and Russian Federation", ("Belarus", "Russian Federation")),
    ("Spain and United Kingdom of Great Britain and Northern Ireland",
     ("Spain", "United Kingdom of Great Britain and Northern Ireland")),
    ("Chile, Trinidad and Tobago", ("Chile", "Trinidad and Tobago")),
    ("Norway", ("Norway",)),
    ("Albania, Australia,\nNorway and Ukraine", ("Albania", "Australia", "Norway", "Ukraine")),
])
def test_split_sponsors(text, want):
    assert split_sponsors(text) == want


def test_document_error_is_located_in_the_users_file():
    text = corpus_text("un-ga-c3-80-L65-amendment-report-hrc.txt").replace(
        "Delete the third", "Delete the thrid")
    with pytest.raises(ParseError) as e:
        parse_amendment_document(text, "L65.txt")
    line = next(i for i, x in enumerate(text.splitlines(), 1) if "thrid" in x)
    assert (e.value.file, e.value.line, e.value.column) == ("L65.txt", line, 12)


# --- instruction forms -----------------------------------------------------------------

O = Operation
FORMS = [
    ('In operative paragraph 3, after "financing" insert "and predictable"',
     [O("insert_text", "OP3", anchor="financing", new="and predictable", position="after")]),
    ('In the fourteenth preambular paragraph, replace "a b" with "c"',
     [O("replace_text", "PP14", old="a b", new="c")]),
    ('After operative paragraph 3, insert a new operative paragraph, reading: "Decides to x;"',
     [O("insert_paragraph", "OP3", new="Decides to x;", position="after OP3")]),
    ("Delete the third preambular paragraph and operative paragraph 2.",
     [O("delete_paragraph", "PP3"), O("delete_paragraph", "OP2")]),
    ('Replace operative paragraph 6 with the following: "Requests x."',
     [O("replace_paragraph", "OP6", new="Requests x.")]),
    ("Move operative paragraph 4 to follow operative paragraph 6",
     [O("move_paragraph", "OP4", position="after OP6")]),
    ("Move operative paragraph 4 to precede operative paragraph 2.",
     [O("move_paragraph", "OP4", position="before OP2")]),
    ('Throughout the text, replace "x" with "y"', [O("replace_all", old="x", new="y")]),
    ('Replace "x" with "y" throughout the text.', [O("replace_all", old="x", new="y")]),
    ('1. In OP3, delete "a".\n2. Delete PP2.\n3. PP4: delete',
     [O("delete_text", "OP3", old="a"), O("delete_paragraph", "PP2"),
      O("delete_paragraph", "PP4")]),
    ('In operative paragraphs 27 and 43, replace "x" with "y"',
     [O("replace_text", "OP27", old="x", new="y"), O("replace_text", "OP43", old="x", new="y")]),
    ('In operative paragraphs 2, 5 and 7, delete "x"',
     [O("delete_text", f"OP{n}", old="x") for n in (2, 5, 7)]),
    ('In operative paragraph 1 (a), delete "x"', [O("delete_text", "OP1(a)", old="x")]),
    ('In subparagraph (b) of operative paragraph 2, delete "x"',
     [O("delete_text", "OP2(b)", old="x")]),
    ('In OP1(a)(ii), delete "x"', [O("delete_text", "OP1(a)(ii)", old="x")]),
    ('OP3: after "x" insert "y"', [O("insert_text", "OP3", anchor="x", new="y", position="after")]),
    ("PP2: delete", [O("delete_paragraph", "PP2")]),
    ('OP5bis: replace "a" with "b"', [O("replace_text", "OP5bis", old="a", new="b")]),
    ('OP 5 bis: replace "a" with "b"', [O("replace_text", "OP5bis", old="a", new="b")]),
    ('In operative paragraph 5 bis, delete "a"', [O("delete_text", "OP5bis", old="a")]),
    ('In OP2, delete "and other interested parties"',
     [O("delete_text", "OP2", old="and other interested parties")]),
    ('After operative paragraph 5, insert a new paragraph reading: "To instruct the CAM"',
     [O("insert_paragraph", "OP5", new="To instruct the CAM", position="after OP5")]),
    ('In operative paragraph 3, replace the second occurrence of "rights" with "freedoms"',
     [O("replace_text", "OP3", old="rights", new="freedoms", occurrence=2)]),
    ('In operative paragraph 3, after "rights" (second occurrence), insert "x"',
     [O("insert_text", "OP3", anchor="rights", new="x", position="after", occurrence=2)]),
    ('In operative paragraph 3, insert "x" after "y"',
     [O("insert_text", "OP3", anchor="y", new="x", position="after")]),
    ('In operative paragraph 3, insert the words "x" before the words "y"',
     [O("insert_text", "OP3", anchor="y", new="x", position="before")]),
    ('In operative paragraph 3, replace "a" with "b", and delete "c", insert "d" after "e"',
     [O("replace_text", "OP3", old="a", new="b"), O("delete_text", "OP3", old="c"),
      O("insert_text", "OP3", anchor="e", new="d", position="after")]),
    ("Delete operative paragraph 4 and renumber the subsequent paragraphs accordingly.",
     [O("delete_paragraph", "OP4")]),
    ("Delete the fourteenth and fifteenth preambular paragraphs",
     [O("delete_paragraph", "PP14"), O("delete_paragraph", "PP15")]),
    ('At the end of operative paragraph 3, add "and to report thereon"',
     [O("insert_text", "OP3", new="and to report thereon", position="end")]),
    ('Insert a new operative paragraph after operative paragraph 3, reading: "x"',
     [O("insert_paragraph", "OP3", new="x", position="after OP3")]),
    ('Before the first preambular paragraph, insert a new preambular paragraph: "Recalling x,"',
     [O("insert_paragraph", "PP1", new="Recalling x,", position="before PP1")]),
    ('After the twenty-first preambular paragraph, insert the following new paragraph: "x"',
     [O("insert_paragraph", "PP21", new="x", position="after PP21")]),
    ('Operative paragraph 6 should read: "x"', [O("replace_paragraph", "OP6", new="x")]),
    ('In paragraph 3, delete "x"', [O("delete_text", "OP3", old="x")]),
    ('OP1(a): delete "x"', [O("delete_text", "OP1(a)", old="x")]),
    ("Delete subparagraph (c) of operative paragraph 2", [O("delete_paragraph", "OP2(c)")]),
    ('In OP3 and OP4, replace "a" with "b"',
     [O("replace_text", "OP3", old="a", new="b"), O("replace_text", "OP4", old="a", new="b")]),
    ("Delete operative paragraphs 3, 4 and 5", [O("delete_paragraph", f"OP{n}") for n in (3, 4, 5)]),
    ("Replace operative paragraph 6 with:\nRequests the Secretary-\nGeneral\nto report.",
     [O("replace_paragraph", "OP6", new="Requests the Secretary-General to report.")]),
    # curly quotes kept verbatim, straight quotes inside curly ones
    ('In operative paragraph 3, after “the ‘so-called’” insert “and the \"new\" one”',
     [O("insert_text", "OP3", anchor="the ‘so-called’", new='and the "new" one',
        position="after")]),
    ('in OPERATIVE PARAGRAPH 3, AFTER "x" INSERT "y"',
     [O("insert_text", "OP3", anchor="x", new="y", position="after")]),
]


@pytest.mark.parametrize("text, want", FORMS, ids=[f[0][:40] for f in FORMS])
def test_instruction_forms(text, want):
    assert parse_instructions(text) == tuple(want)


@pytest.mark.parametrize("text, where, message", [
    ('In operative paragraph 3, after "x" insert', (1, 43),
     'instruction ends too early; expected "the", quoted text'),
    ('In operative paragraph three, delete "x"', (1, 24),
     "unexpected 'three'; expected a number"),
    ('Delete the thrid preambular paragraph', (1, 12),
     "unexpected 'thrid'; expected an ordinal (first, second ...)"),
    ('In OP3, frobnicate "x"', (1, 9),
     'unexpected \'frobnicate\'; expected "after", "at", "before", "delete", "insert", '
     '"operative" or "preambular", "paragraph", "replace", "subparagraph", "the", '
     'a paragraph (OP3, PP2), quoted text'),
])
def test_syntax_errors_say_where_and_what(text, where, message):
    with pytest.raises(ParseError) as e:
        parse_instructions(text, "amend.txt")
    assert (e.value.file, e.value.line, e.value.column) == ("amend.txt", *where)
    assert e.value.message == message
    assert str(e.value).splitlines()[1].strip() == text.splitlines()[where[0] - 1].strip()


def test_error_on_second_line():
    with pytest.raises(ParseError) as e:
        parse_instructions('1. Delete PP2.\n2. Delete the thrid preambular paragraph.')
    assert (e.value.line, e.value.column) == (2, 15)


def test_empty_instruction_is_an_error():
    with pytest.raises(ParseError):
        parse_instructions("  \n")


def test_grammar_has_no_lalr_conflicts():
    from lark import Lark, logger

    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(record)

    handler, level = Keep(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        Lark((grammar_dir() / "amendment.lark").read_text(encoding="utf-8"), parser="lalr",
             lexer="contextual", debug=True)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    assert [r.getMessage() for r in records if "onflict" in r.getMessage()] == []


@pytest.mark.parametrize("n", [1, 2, 3, 9, 10, 14, 15, 19, 20, 21, 33, 40, 49, 50, 51, 112])
def test_ordinals_round_trip(n):
    assert ordinal_value(ordinal_word(n)) == n


# --- Operation -> sentence -> Operation ------------------------------------------------

def test_to_instruction_examples():
    assert to_instruction(O("insert_text", "OP3", anchor="x", new="y", position="after")) == \
        'In operative paragraph 3, after "x", insert "y".'
    assert to_instruction(O("delete_paragraph", "OP1(a)(i)")) == \
        "Delete operative paragraph 1 (a) (i)."
    assert to_instruction(O("replace_text", "PP2", old='the "x"', new="y", occurrence=2)) == \
        'In preambular paragraph 2, replace the second occurrence of “the "x"” with "y".'
    assert to_instruction(O("insert_paragraph", "OP5", new="To x.", position="after OP5")) == \
        'After operative paragraph 5, insert a new operative paragraph, reading: "To x.".'
    assert to_instruction(O("move_paragraph", "OP4", position="before OP2")) == \
        "Move operative paragraph 4 to precede operative paragraph 2."


_WORD = st.text(alphabet="abcXYZ019,.;:()-'’“”\"/éñ", min_size=1, max_size=7)
_TEXT = st.lists(_WORD, min_size=1, max_size=6).map(" ".join).filter(
    lambda t: not ('"' in t and "”" in t))
_TOP = st.builds(lambda part, n, suffix: f"{part}{n}{suffix}",
                 st.sampled_from(["OP", "PP"]), st.integers(1, 60),
                 st.sampled_from(["", "bis", "ter", "quinquies"]))
_ANY = st.one_of(_TOP, st.builds(lambda t, s: t + s, _TOP,
                                 st.sampled_from(["(a)", "(b)(ii)", "(c)(iv)"])))
_OCC = st.one_of(st.none(), st.integers(1, 30))


def _ops():
    text_ops = st.one_of(
        st.builds(lambda t, a, n, p, o: O("insert_text", t, anchor=a, new=n, position=p,
                                          occurrence=o),
                  _ANY, _TEXT, _TEXT, st.sampled_from(["after", "before"]), _OCC),
        st.builds(lambda t, n, p: O("insert_text", t, new=n, position=p),
                  _ANY, _TEXT, st.sampled_from(["end", "beginning"])),
        st.builds(lambda t, a, o: O("delete_text", t, old=a, occurrence=o), _ANY, _TEXT, _OCC),
        st.builds(lambda t, a, n, o: O("replace_text", t, old=a, new=n, occurrence=o),
                  _ANY, _TEXT, _TEXT, _OCC),
        st.builds(lambda a, n: O("replace_all", None, old=a, new=n), _TEXT, _TEXT),
    )
    para_ops = st.one_of(
        st.builds(lambda t: O("delete_paragraph", t), _ANY),
        st.builds(lambda t, n: O("replace_paragraph", t, new=n), _ANY, _TEXT),
        st.builds(lambda t, n, s: O("insert_paragraph", t, new=n, position=f"{s} {t}"),
                  _TOP, _TEXT, st.sampled_from(["after", "before"])),
        st.builds(lambda t, r, s: O("move_paragraph", t, position=f"{s} {r}"),
                  _TOP, _TOP, st.sampled_from(["after", "before"])),
    )
    return st.one_of(text_ops, para_ops)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_ops())
def test_to_instruction_parses_back(op):
    assume(op.op != "move_paragraph" or op.target[:2] == op.position.split()[1][:2])
    assert parse_instructions(to_instruction(op)) == (op,)


def test_four_digit_paragraph_numbers_parse_and_round_trip():
    from drafting.instructions import parse_instructions, to_instruction
    ops = parse_instructions('In operative paragraph 1022, delete "x"')
    assert [(o.op, o.target, o.old) for o in ops] == [("delete_text", "OP1022", "x")]
    assert parse_instructions(to_instruction(ops[0])) == ops


def test_amendment_document_with_a_tabbed_masthead_and_plural_amendments():
    from drafting.instructions import parse_amendment_document
    text = ("United Nations\tA/C.3/79/L.70\nGeneral Assembly\tDistr.: Limited\n18 November 2024\n\n"
            "Seventy-ninth session\nThird Committee\nAgenda item 71 (b)\nHuman rights questions\n\n"
            "Egypt, Pakistan and Saudi Arabia: amendments to draft resolution A/C.3/79/L.41\n\n"
            "Moratorium on the use of the death penalty\n\n"
            "1.\tIn operative paragraph 7 (a), delete “progressively”.\n")
    doc = parse_amendment_document(text)
    assert (doc.symbol, doc.amends, doc.sponsors) == ("A/C.3/79/L.70", "A/C.3/79/L.41",
                                                       ("Egypt", "Pakistan", "Saudi Arabia"))
    assert [(o.op, o.target, o.old) for o in doc.operations] == [("delete_text", "OP7(a)", "progressively")]


@pytest.mark.parametrize("text, targets", [
    ("Delete operative paragraphs 4 to 6.", ["OP4", "OP5", "OP6"]),
    ("Delete operative paragraphs 4-6 and renumber the remaining paragraphs.", ["OP4", "OP5", "OP6"]),
    ("Delete the fourth to sixth preambular paragraphs.", ["PP4", "PP5", "PP6"]),
    ("Delete operative paragraphs 7 through 8.", ["OP7", "OP8"]),
])
def test_ranges_of_paragraphs(text, targets):
    assert [(o.op, o.target) for o in parse_instructions(text)] == [
        ("delete_paragraph", t) for t in targets]


def test_a_range_backwards_is_a_located_error():
    with pytest.raises(ParseError) as e:
        parse_instructions("Delete operative paragraphs 6 to 4.")
    assert (e.value.line, e.value.column) == (1, 29) and "not a range" in str(e.value)


def test_numbered_and_arabic_subparagraphs_in_instructions():
    for pid, name in (("OP1(1)", "operative paragraph 1 (1)"),
                      ("OP2(أ)", "operative paragraph 2 (أ)")):
        assert paragraph_name(pid) == name
        op = Operation("delete_text", pid, old="x")
        assert parse_instructions(to_instruction(op)) == (op,)
    assert parse_instructions('OP1(1): delete "x"')[0].target == "OP1(1)"


@pytest.mark.parametrize("text, ops", [
    # the passive, as many amendment documents write it
    ('In operative paragraph 2, the words "human rights" should be replaced by '
     '"fundamental freedoms"',
     [Operation("replace_text", "OP2", old="human rights", new="fundamental freedoms")]),
    ('In operative paragraph 2, "as appropriate" shall be deleted',
     [Operation("delete_text", "OP2", old="as appropriate")]),
    ('In the seventh preambular paragraph, the words "and girls" should be inserted after '
     'the word "women"',
     [Operation("insert_text", "PP7", anchor="women", new="and girls", position="after")]),
    ("Operative paragraph 7 should be deleted.", [Operation("delete_paragraph", "OP7")]),
    # several quoted texts deleted at once; "and" before a verb is the next edit
    ('In operative paragraph 3, delete the words "as appropriate," and "inter alia"',
     [Operation("delete_text", "OP3", old="as appropriate,"),
      Operation("delete_text", "OP3", old="inter alia")]),
    ('In operative paragraph 3, delete "a" and replace "b" with "c"',
     [Operation("delete_text", "OP3", old="a"),
      Operation("replace_text", "OP3", old="b", new="c")]),
    # the place given as the new paragraph's number
    ('Insert the following as a new operative paragraph 6: "Requests a report;"',
     [Operation("insert_paragraph", "OP5", new="Requests a report;", position="after OP5")]),
    ('Insert a new operative paragraph 1, reading: "Decides;"',
     [Operation("insert_paragraph", "OP1", new="Decides;", position="before OP1")]),
    ('Insert as a new preambular paragraph 3bis: "Noting the report,"',
     [Operation("insert_paragraph", "PP3", new="Noting the report,", position="after PP3")]),
    # the edge of the paragraph named before
    ('In operative paragraph 10, at the end of the paragraph, add "and to report thereon"',
     [Operation("insert_text", "OP10", new="and to report thereon", position="end")]),
    ('In operative paragraph 10, insert "and to report thereon" at the end',
     [Operation("insert_text", "OP10", new="and to report thereon", position="end")]),
    ('Add at the beginning of operative paragraph 3 the words "Also"',
     [Operation("insert_text", "OP3", new="Also", position="beginning")]),
    ('Insert "and to report thereon" at the end of operative paragraphs 3 and 4',
     [Operation("insert_text", "OP3", new="and to report thereon", position="end"),
      Operation("insert_text", "OP4", new="and to report thereon", position="end")]),
])
def test_more_ways_delegations_write_instructions(text, ops):
    got = parse_instructions(text)
    assert list(got) == ops
    # each reads back from the sentence the tool writes for it
    assert parse_instructions("\n".join(to_instruction(op) for op in got)) == got


@pytest.mark.parametrize("text, old, new", [
    ("In operative paragraph 3, replace 'sustainable' with 'predictable'", "sustainable",
     "predictable"),
    ("In operative paragraph 3, replace ‘sustainable’ with ‘predictable’", "sustainable",
     "predictable"),
    # an apostrophe inside a word does not close the quotation
    ("In operative paragraph 3, replace 'women's rights' with 'the rights of women'",
     "women's rights", "the rights of women"),
    ("In operative paragraph 3, replace ‘women’s rights’ with ‘the rights of women’",
     "women’s rights", "the rights of women"),
    ('In operative paragraph 3, replace "it\'s" with "it is"', "it's", "it is"),
])
def test_single_quotes_as_delegations_type_them(text, old, new):
    """The issue's own example: "In operative paragraph 3, after 'x' insert 'y'"."""
    assert parse_instructions(text) == (Operation("replace_text", "OP3", old=old, new=new),)
    assert parse_instructions("In operative paragraph 3, after 'x' insert 'y'") == (
        Operation("insert_text", "OP3", anchor="x", new="y", position="after"),)


def test_new_instruction_forms_fail_with_plain_words():
    """Errors name what was expected in words, never the grammar's own names."""
    for text in ('In OP3, delete "a", "b" and "c"',
                 'In OP3, insert "x" at the end of the sentence'):
        with pytest.raises(ParseError) as e:
            parse_instructions(text)
        assert "_" not in str(e.value).splitlines()[0].split("expected")[-1]
    assert parse_instructions('In OP3, delete "x" and the second occurrence of "y"') == (
        Operation("delete_text", "OP3", old="x"),
        Operation("delete_text", "OP3", old="y", occurrence=2))


def test_occurrences_count_in_the_text_as_tabled():
    """Edits of one instruction that name occurrences of the same words apply from the
    last back, so each number counts in the tabled text; the numbers stay as written, so
    collisions with other amendments are found on the tabled text too."""
    from drafting.amend import apply_operations
    from drafting.parse import parse_text

    res = parse_text("The General Assembly,\n\nRecalling x,\n\n1. Urges a x b x c x d x e x f.\n")
    ops = parse_instructions('In OP1, delete the first occurrence of "x" and the second '
                             'occurrence of "x" and the fifth occurrence of "x" and the '
                             'fourth occurrence of "x"')
    assert [op.occurrence for op in ops] == [5, 4, 2, 1]
    assert apply_operations(res, ops).operative[0].text == "Urges a b c x d e f."
    ops = parse_instructions('In OP1, after the first occurrence of "x" insert "and x", and '
                             'delete the second occurrence of "x"')
    assert apply_operations(res, ops).operative[0].text == "Urges a x and x b c x d x e x f."
    short = parse_instructions('OP1: delete the first occurrence of "x" and the second '
                               'occurrence of "x"')
    assert apply_operations(res, short).operative[0].text == "Urges a b c x d x e x f."


def test_a_new_preambular_paragraph_among_operative_ones_is_refused():
    with pytest.raises(ParseError) as e:
        parse_instructions('Before operative paragraph 1, insert a new preambular paragraph, '
                           'reading: "Noting the report,"')
    assert "a new preambular paragraph cannot be placed before operative paragraph 1" in str(e.value)


@pytest.mark.parametrize("label, target, position", [
    ("6", "OP5", "after OP5"), ("1", "OP1", "before OP1"), ("2bis", "OP2", "after OP2"),
    ("2ter", "OP2", "after OP2")])
def test_as_a_new_paragraph_numbered(label, target, position):
    ops = parse_instructions(f'Insert a new operative paragraph {label}, reading: "Decides;"')
    assert [(op.target, op.position) for op in ops] == [(target, position)]


def test_real_amendments_with_a_starred_sponsors_line_and_footnotes():
    """"Russian Federation:* amendment to draft resolution A/80/L.18": the mark after the
    colon; "* Any changes to the list of sponsors ..." and "* United Nations, Treaty
    Series ..." at the end are the document's notes, not instructions."""
    l20 = parse_amendment_document(real_text("A_80_L.20.txt"))
    assert (l20.symbol, l20.amends, l20.sponsors) == ("A/80/L.20", "A/80/L.18",
                                                      ("Russian Federation",))
    assert [(o.op, o.target) for o in l20.operations] == [("delete_paragraph", "OP9")]
    assert l20.notes == ("* Any changes to the list of sponsors will be reflected in the "
                         "official record of the meeting.",)
    assert l20.to_dict()["notes"] == list(l20.notes)
    l58 = parse_amendment_document(real_text("A_C.3_80_L.58.txt"))
    assert [(o.op, o.target) for o in l58.operations] == [("delete_text", "PP28")]
    assert l58.operations[0].old.endswith("as war crimes,")
    assert l58.notes == ("* United Nations, Treaty Series, vol. 2187, No. 38544.",)


def test_real_amendment_replacing_words_in_the_title_and_all_paragraphs():
    doc = parse_amendment_document(real_text("A_80_L.35.txt"))
    assert (doc.amends, doc.sponsors) == ("A/80/L.27", ("Belarus",))
    assert [(o.op, o.target) for o in doc.operations] == [
        ("replace_all", None), ("delete_text", "PP2"), ("replace_text", "OP1"),
        ("delete_paragraph", "OP5"), ("delete_paragraph", "OP6"), ("delete_paragraph", "OP10"),
        ("delete_paragraph", "OP13"), ("replace_text", "OP14")]
    assert (doc.operations[0].old, doc.operations[0].new) == ("Chornobyl", "Chernobyl")


def test_replace_all_reaches_the_title():
    from drafting.amend import apply_operations
    from drafting.parse import parse_text

    res = parse_text("Chornobyl disaster\n\nThe General Assembly,\n\nRecalling Chornobyl,\n\n"
                     "1. Decides to study Chornobyl.\n")
    ops = parse_instructions('Replace "Chornobyl" with "Chernobyl" in the title, the '
                             'preambular paragraphs and the operative paragraphs.')
    new = apply_operations(res, ops)
    assert new.title == "Chernobyl disaster"
    assert [p.text for p in new.paragraphs()] == ["Recalling Chernobyl,",
                                                   "Decides to study Chernobyl."]


def test_real_amendment_to_a_draft_in_a_committee_report():
    """"amendment to draft resolution 23 recommended by the Third Committee in its report
    contained in document A/80/545": the draft is named by the report's symbol; the
    sponsors' lines break inside names ("Brunei" / "Darussalam")."""
    doc = parse_amendment_document(real_text("A_80_L.40.txt"))
    assert doc.amends == "A/80/545"
    assert len(doc.sponsors) == 53
    assert doc.sponsors[:7] == ("Afghanistan", "Algeria", "Azerbaijan", "Bahrain",
                                "Bangladesh", "Benin", "Brunei Darussalam")
    assert "Iran (Islamic Republic of)" in doc.sponsors
    assert doc.sponsors[-1] == "State of Palestine"
    assert [(o.op, o.target) for o in doc.operations] == [("delete_text", "PP11")]


def test_an_amendment_document_listing_its_instructions_with_bullets():
    """"* Delete operative paragraph 2." in a Markdown list is an instruction, not a note; the
    sponsors' note "* Any changes ..." after them still is one."""
    text = ("Chile: amendment to draft resolution A/C.3/80/L.24\n\n"
            "* Delete operative paragraph 2.\n\n"
            "- In operative paragraph 1, replace \"welcomes\" with \"notes\".\n\n"
            "* Any changes to the list of sponsors will be reflected in the official record "
            "of the meeting.\n")
    doc = parse_amendment_document(text)
    assert doc.title is None
    assert [(o.op, o.target) for o in doc.operations] == [("delete_paragraph", "OP2"),
                                                          ("replace_text", "OP1")]
    assert doc.notes == ("* Any changes to the list of sponsors will be reflected in the "
                         "official record of the meeting.",)


@pytest.mark.parametrize("text, ops, notes", [
    # an unquoted new paragraph that opens with an emphasised verb is no note
    ("Chile: amendment to draft resolution A/C.3/80/L.50\n\nTitle\n\n1. After operative "
     "paragraph 3, insert a new operative paragraph, reading:\n\n*Requests* the "
     "Secretary-General to report;\n\n2. Delete operative paragraph 5.\n",
     [("insert_paragraph", "OP3"), ("delete_paragraph", "OP5")], ()),
    # bullets on instructions that name their paragraph first; a note stops at the next
    # instruction
    ("Chile: amendment to draft resolution A/C.3/80/L.24\n\nTitle\n\n* Operative paragraph 7 "
     "should be deleted.\n\n* In operative paragraph 3, delete \"x\".\n\n* Any changes to the "
     "list of sponsors will be reflected in the official record of the meeting.\n"
     "2. Delete operative paragraph 6.\n",
     [("delete_paragraph", "OP7"), ("delete_text", "OP3"), ("delete_paragraph", "OP6")],
     ("* Any changes to the list of sponsors will be reflected in the official record of "
      "the meeting.",)),
])
def test_what_is_a_note_in_an_amendment_document(text, ops, notes):
    doc = parse_amendment_document(text)
    assert [(o.op, o.target) for o in doc.operations] == ops
    assert doc.notes == notes


def test_a_quoted_paragraph_across_a_page_with_its_footnote():
    """The footnote under the rule is a note; "20 November 1989, ..." after the page break
    breaks the notes' sequence and is the quotation's rest; dashes inside a quotation stay."""
    doc = parse_amendment_document(
        "Chile: amendment to draft resolution A/C.3/80/L.24\n\nTitle\n\nAfter the fifth "
        "preambular paragraph, insert a new preambular paragraph, reading:\n\n“Recalling the "
        "Convention on the Rights of the Child,1 adopted by the General Assembly on\n"
        "__________\n1 United Nations, Treaty Series, vol. 1577, No. 27531.\n\n"
        "25-18387 (E)    131125\n2/3\n\n20 November 1989, and its Optional Protocols,”\n")
    [op] = doc.operations
    assert op.new.endswith("adopted by the General Assembly on 20 November 1989, and its "
                           "Optional Protocols,")
    assert doc.notes == ("1 United Nations, Treaty Series, vol. 1577, No. 27531.",)
    doc = parse_amendment_document(
        "Chile: amendment to draft resolution A/C.3/80/L.24\n\nTitle\n\nAfter operative "
        "paragraph 2, insert a new operative paragraph, reading:\n\n“Requests the "
        "Secretary-General to designate:\n\n- in each region, a focal point;\n"
        "- at headquarters, a coordinator;”\n")
    assert "- in each region, a focal point; - at headquarters" in doc.operations[0].new


@pytest.mark.parametrize("head, sponsors", [
    ("Agenda item 69 (a)\nElimination of racism, racial discrimination, xenophobia and related "
     "intolerance\nRussian Federation", ("Russian Federation",)),
    ("Antigua and Barbuda, Brunei\nDarussalam", ("Antigua and Barbuda", "Brunei Darussalam")),
    ("United States of\nAmerica", ("United States of America",)),
    ("Cuba, Iran (Islamic Republic\nof)", ("Cuba", "Iran (Islamic Republic of)")),
])
def test_sponsor_lines_broken_anywhere_and_no_agenda_title(head, sponsors):
    doc = parse_amendment_document(f"{head}: amendment to draft resolution A/C.3/80/L.2\n\n"
                                   "Title\n\nDelete operative paragraph 2.\n")
    assert doc.sponsors == sponsors


def test_the_documents_own_footnote_mark_leaves_the_quoted_words():
    """A/C.3/80/L.58 quotes "... the International Criminal Court* that define ..." and
    notes "* United Nations, Treaty Series ...": the quotation finds the draft's words,
    which print the draft's own mark ("Court1") there."""
    from drafting.amend import apply_operations
    from drafting.parse import parse_text

    doc = parse_amendment_document(real_text("A_C.3_80_L.58.txt"))
    old = doc.operations[0].old
    assert "Criminal Court that define" in old
    pps = ["Recalling x,"] * 27 + [f"Recalling the Principles, {old.replace('Court', 'Court1')} "
                                   "and noting y,"]
    res = parse_text("The General Assembly,\n\n" + "\n\n".join(pps) + "\n\n1. Decides z.\n")
    assert apply_operations(res, doc.operations, "A1").preambular[27].text == \
        "Recalling the Principles, and noting y,"


@pytest.mark.parametrize("names, want", [
    ("Belarus* and Russian Federation", ("Belarus", "Russian Federation")),
    ("European Union, France and Germany", ("European Union", "France", "Germany")),
    ("Armenia, China, Egypt,* Equatorial Guinea and Norway",
     ("Armenia", "China", "Egypt", "Equatorial Guinea", "Norway")),
])
def test_sponsors_of_a_run_together_amendment_begin_where_the_list_begins(names, want):
    """On one line the sponsors' names follow the agenda item's title: the list begins
    with the first name of a State, walking back over marks ("Egypt,*", "Belarus*") and
    taking a name that is no State's ("European Union") with it, not dropping it."""
    flat = ("United Nations A/C.3/80/L.99 General Assembly Distr.: Limited 7 November 2025 "
            "Original: English 25-17997 (E) Eightieth session Third Committee Agenda item 69 "
            f"Human rights questions {names}: amendment to draft resolution A/C.3/80/L.2 "
            "Combating glorification of Nazism Delete operative paragraph 3.\n")
    doc = parse_amendment_document(flat, "flat.txt")
    assert doc.sponsors == want
    assert doc.title == "Combating glorification of Nazism"
    assert [(op.op, op.target) for op in doc.operations] == [("delete_paragraph", "OP3")]


def test_run_together_and_squeezed_amendment_documents_keep_their_words_in_place():
    """A title wrapped after its colon, without blank lines ("Oceans and the law of the
    sea:" / "sustainable fisheries"), is the title, not an instruction; on one line, a
    starred note before the first instruction is a note, not part of the title, and page
    marks inside the quoted words stay there."""
    squeezed = ("Cuba: amendment to draft resolution A/C.2/80/L.20\nOceans and the law of the "
                "sea:\nsustainable fisheries\n1. In operative paragraph 2, replace “a” with "
                "“b”.\n2. Delete operative paragraph 5.\n")
    doc = parse_amendment_document(squeezed, "a.txt")
    assert doc.title == "Oceans and the law of the sea: sustainable fisheries"
    assert [(op.op, op.target) for op in doc.operations] == [("replace_text", "OP2"),
                                                             ("delete_paragraph", "OP5")]
    flat = ("United Nations A/C.3/80/L.99 General Assembly Agenda item 68 Rights of children "
            "Belarus: amendment to draft resolution A/C.3/80/L.20 Rights of the child "
            "* Reissued for technical reasons on 12 November 2025. In operative paragraph 3, "
            "replace “see 25-18531 2/2 text” with “new text”. A/C.3/80/L.99 25-18531 2/2\n")
    doc = parse_amendment_document(flat, "flat.txt")
    assert doc.title == "Rights of the child"
    assert doc.notes == ("* Reissued for technical reasons on 12 November 2025.",)
    assert [(op.op, op.target, op.old) for op in doc.operations] == [
        ("replace_text", "OP3", "see 25-18531 2/2 text")]


def test_second_review_amendment_documents():
    """On one line: the agenda title's capitalised words are no sponsor ("... Human Rights
    Council European Union, France and Germany": the European Union is a sponsor by name),
    and the document's own page break inside a quoted new paragraph is page furniture.
    Without blank lines: "Paragraph 5 shall read:" opens the instructions."""
    flat = ("United Nations A/C.3/80/L.99 General Assembly Distr.: Limited 7 November 2025 "
            "25-18531 (E) Third Committee Agenda item 69 Report of the Human Rights Council "
            "European Union, France and Germany: amendment to draft resolution A/C.3/80/L.20 "
            "Rights of the child 1. After operative paragraph 3, insert a new operative "
            "paragraph, reading: “Notes with alarm that the rights of the child are violated, "
            "and calls upon all States to A/C.3/80/L.99 25-18531 2/2 take every measure;” "
            "2. Delete operative paragraph 5.\n")
    doc = parse_amendment_document(flat, "flat.txt")
    assert doc.sponsors == ("European Union", "France", "Germany")
    assert doc.operations[0].new == ("Notes with alarm that the rights of the child are "
                                      "violated, and calls upon all States to take every "
                                      "measure;")
    squeezed = ("Chile: amendment to draft resolution A/C.3/80/L.24\nRights of the child\n"
                "Paragraph 5 shall read:\n“Requests the Secretary-General to report.”\n")
    doc = parse_amendment_document(squeezed, "a.txt")
    assert doc.title == "Rights of the child"
    assert [(op.op, op.target) for op in doc.operations] == [("replace_paragraph", "OP5")]
