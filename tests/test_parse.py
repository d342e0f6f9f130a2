"""The parser against the real corpus's true structure, and its canonical-text round trip."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import CORPUS, corpus_expected, corpus_text, real_text, without_blank_lines
from drafting.errors import ParseError
from drafting.model import Resolution
from drafting.parse import detect_language, opener_of, parse_document, parse_text
from drafting.render.text import render_text

EXPECTED = sorted(p.stem for p in (CORPUS / "expected").glob("*.json"))
RESOLUTIONS = [s for s in EXPECTED if corpus_expected(s).get("kind") != "amendment"]


def words(text: str | None) -> list[str]:
    """The scoring's normalisation: white space, Markdown marks, footnote marks."""
    text = (text or "").replace("\u00a0", " ")
    text = re.sub(r"\[\^\d+\]", "", text).replace("*", "")
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"(?<=[^\W\d_])\d{1,2}(?=[\s,;.:]|$)", "", text)
    text = re.sub(r"(?<=[;,])\d{1,2}(?=\s|$)", "", text)
    text = re.sub(r"(?<=[^\W\d_]) \d{1,2}(?= [a-z]|$)", "", text)
    return text.split()


def last_text(p) -> str:
    return last_text(p.subparagraphs[-1]) if p.subparagraphs else p.text


@pytest.mark.parametrize("stem", RESOLUTIONS)
def test_corpus_structure(stem):
    exp = corpus_expected(stem)
    res = parse_text(corpus_text(stem + ".txt"), stem)
    for key in ("kind", "language", "symbol", "title", "body"):
        if key in exp:
            assert getattr(res, key) == exp[key], key
    assert list(res.sponsors) == exp.get("sponsors", [])
    for part in ("preambular", "operative"):
        want, have = exp[part], getattr(res, part)
        assert len(have) == len(want), part
        for w, h in zip(want, have):
            assert words(h.text)[: len(words(w["starts"]))] == words(w["starts"])
            assert words(last_text(h))[-len(words(w["ends"])):] == words(w["ends"])
            # Openers: the whole phrase where this parser finds it, e.g. "Expressing grave concern".
            assert words(h.opener) == words(w["opener"]), (h.id, h.opener, w["opener"])
            if part == "operative":
                assert h.number == w["number"]
                assert [s.label for s in h.subparagraphs] == w["subparagraphs"]


@pytest.mark.parametrize("stem", RESOLUTIONS)
def test_canonical_text_round_trips(stem):
    res = parse_text(corpus_text(stem + ".txt"), stem)
    assert parse_text(render_text(res), "canonical") == res


def test_oas_annex_quirks_kept_verbatim():
    res = parse_text(corpus_text("oas-cam-report-2013.txt"))
    assert [p.number for p in res.operative] == ["1", "2", "3", "4", "5", "5bis", "6", "7"]
    assert res.find("OP5bis").text.startswith("To instruct the CAM to provide input")
    assert res.preambular[7].opener == "ConsiderING"
    assert "(IOM)]" in res.preambular[6].text
    assert res.preambular[6].text.endswith("; and")
    assert "“Strengthening the Topic" in res.preambular[0].text
    assert res.transition == "RESOLVES:"
    assert res.style == "oas"
    assert res.sponsor_note.startswith("(Presented by the delegation of Mexico")


def test_pdf_page_break_inside_subparagraph_and_footnotes():
    res = parse_text(corpus_text("un-ga-res-80-1-palestine-participation-adopted-from-rev1.txt"))
    a = res.find("OP1(a)")
    assert a.text == ("The State of Palestine may submit a pre\u2011recorded statement of its President, "
                      "which will be played in the General Assembly Hall during the general debate of "
                      "the Assembly at its eightieth session after introduction by its representative "
                      "who is physically present in the Assembly Hall;")
    assert [f.text for f in res.find("PP1").footnotes] == ["See resolution 169 (II)."]
    assert res.find("OP3").text.endswith("during the eightieth session.")   # no "3rd plenary meeting"
    assert res.find("OP2").references == ()
    assert res.find("OP1").opener == "Decides"


def test_references_are_document_symbols():
    res = parse_text(corpus_text("oas-cam-report-2013.txt"))
    assert res.find("PP1").references[:2] == ("AG/RES. 2738 (XLII-O/12)", "AG/RES. 2729 (XLII-O/12)")
    assert res.find("PP6").references == ("CIM/RES. 252 (XXXIV-O/08)",)


def test_unfccc_options_and_duplicate_numbers_get_unique_ids():
    res = parse_text(corpus_text("unfccc-cop21-draft-decision-6nov2015-bis-ter-excerpt.txt"))
    ids = [p.id for p in res.operative]
    assert len(ids) == len(set(ids))
    assert ids[5:10] == ["OP6", "OP7", "OP8", "OP9", "OP9bis"]
    assert ids[10] == "OP6#2"
    assert res.find("OP19quinquies").opener == "Notes"
    assert res.find("OP16").text.endswith("**Option 2:** No text.")


@pytest.mark.parametrize("text, opener", [
    ("Expressing grave concern regarding situations in which", "Expressing grave concern"),
    ("Recalling also the Headquarters Agreement,", "Recalling also"),
    ("Deploring, in this regard, the decision", "Deploring"),
    ("Condemns in the strongest terms the attacks;", "Condemns in the strongest terms"),
    ("Calls upon all parties to armed conflicts", "Calls upon"),
    ("Bearing in mind the Charter,", "Bearing in mind"),
    ("Taking note with appreciation of the report,", "Taking note with appreciation"),
    ("Notes with alarm that the situation", "Notes with alarm"),
    ("Deeply concerned about the situation,", "Deeply concerned"),
    ("Having considered the report,", "Having considered"),
    ("Expressing its concern over the threat", "Expressing its concern"),
    ("Welcomes government efforts to", "Welcomes"),
    ("Recalling July 2020 as", "Recalling"),
    ("*[Invites] [Strongly urges]* all Parties", "[Invites] [Strongly urges]"),
    ("*[Recognizes* that Parties [may provisionally] apply the Agreement pending its entry into force;]",
     "Recognizes"),
    ("TAKING NOTE of the work done", "TAKING NOTE"),
    ("To instruct the Committee", "To instruct"),
])
def test_openers_en(text, opener):
    assert opener_of(text, "en") == opener


@pytest.mark.parametrize("text, language, opener", [
    ("Se déclarant gravement préoccupé par les conséquences", "fr", "Se déclarant gravement préoccupé"),
    ("Prie également le Secrétaire général", "fr", "Prie également"),
    ("Prenant acte du lancement", "fr", "Prenant acte"),
    ("Condenar enérgicamente el golpe", "es", "Condenar enérgicamente"),
    ("Expresando grave preocupación por el efecto", "es", "Expresando grave preocupación"),
    ("Decide seguir ocupándose de la cuestión.", "es", "Decide"),
])
def test_openers_other_languages(text, language, opener):
    assert opener_of(text, language) == opener


def test_language_detection():
    assert detect_language("Le Conseil de sécurité, Rappelant qu'il a la responsabilité des") == "fr"
    assert detect_language("El Consejo de Seguridad, Recordando su responsabilidad de la paz") == "es"
    assert detect_language("The Security Council, Recalling its responsibility for the") == "en"


def test_markdown_rendering_and_plain_email_text():
    text = ("Some covering e-mail text.\n\nThe Human Rights Council,\n\n*Recalling* its resolution 5/1,\n\n"
            "1. *Decides* to act;\n\n2. *Requests* a report.\n")
    res = parse_text(text)
    assert res.body == "The Human Rights Council"
    assert [p.opener for p in res.paragraphs()] == ["Recalling", "Decides", "Requests"]
    assert res.find("OP2").text == "*Requests* a report."


def test_sub_subparagraphs_and_roman_numerals():
    text = ("The General Assembly,\n\nRecalling its resolutions,\n\n1. Decides:\n\n(a) first;\n\n"
            "(i) one;\n\n(ii) two;\n\n(b) second;\n\n(h) eighth;\n\n(i) ninth.\n")
    res = parse_text(text)
    op1 = res.find("OP1")
    assert [s.label for s in op1.subparagraphs] == ["a", "b", "h", "i"]
    assert [s.id for s in op1.subparagraphs[0].subparagraphs] == ["OP1(a)(i)", "OP1(a)(ii)"]


def test_french_subparagraph_markers():
    text = "Le Conseil de sécurité,\n\nRappelant ses résolutions,\n\n1. Décide :\n\na) que les parties ;\n\nb) que le Conseil.\n"
    res = parse_text(text)
    assert [(s.label, s.marker) for s in res.find("OP1").subparagraphs] == [("a", "a)"), ("b", "b)")]
    assert res.language == "fr"


def test_not_a_resolution_names_file_line_and_column():
    with pytest.raises(ParseError) as e:
        parse_text("Dear colleagues,\nplease find attached the draft.\n", "mail.txt")
    assert e.value.one_line.startswith("mail.txt:1:1: not a resolution: expected an authoring body")


def test_body_line_without_paragraphs_is_an_error():
    with pytest.raises(ParseError) as e:
        parse_text("Draft\n\nThe General Assembly,\n\n", "x.txt")
    assert (e.value.line, e.value.column) == (3, 1)


def test_amendment_documents_dispatch():
    doc = parse_document(corpus_text("un-ga-c3-80-L65-amendment-report-hrc.txt"))
    assert doc.kind == "amendment"
    assert [o.target for o in doc.operations] == ["PP3", "OP2"]


def test_json_shape_matches_the_issue():
    res = parse_text(corpus_text("un-ga-80-L2-draft-palestine-participation-original.txt"))
    d = json.loads(json.dumps(res.to_dict()))
    assert set(d) >= {"kind", "language", "symbol", "title", "body", "sponsors", "preambular", "operative"}
    op1 = d["operative"][0]
    assert (op1["id"], op1["number"], op1["opener"]) == ("OP1", "1", "Decides")
    assert op1["subparagraphs"][0]["id"] == "OP1(a)" and op1["subparagraphs"][0]["label"] == "a"
    assert op1["text"].endswith("New York, that:")
    assert Resolution.from_dict(d) == res


def test_line_numbers_count_line_feeds_only():
    text = "\fThe General Assembly,\r\n\r\nRecalling its resolution,\u2028still PP1,\r\n\r\n1. Decides.\r\n"
    res = parse_text(text)
    assert [(p.id, p.line) for p in res.paragraphs()] == [("PP1", 3), ("OP1", 5)]
    assert res.find("PP1").text == "Recalling its resolution, still PP1,"   # U+2028 is a wrap


def test_negotiating_text_labels_its_paragraphs():
    text = ("Rolling text\n\nThe Human Rights Council,\n\nPP1 Recalling its resolution 5/1,\n\n"
            "PP1bis Welcoming the report,\n\nOP1 Decides to act;\n\nOP1bis: Requests a report;\n\n"
            "OP2 Calls upon States to act.\n")
    res = parse_text(text)
    assert res.kind == "negotiating_text"
    assert [(p.id, p.opener) for p in res.paragraphs()] == [
        ("PP1", "Recalling"), ("PP1bis", "Welcoming"), ("OP1", "Decides"), ("OP1bis", "Requests"),
        ("OP2", "Calls upon")]
    assert parse_text(render_text(res)) == res


def test_french_body_with_elided_article():
    res = parse_text("L’Assemblée générale,\n\nRappelant sa résolution 70/1,\n\n1. Décide de continuer.\n")
    assert (res.body, res.language, res.find("OP1").opener) == ("L’Assemblée générale", "fr", "Décide")


def test_a_letter_printed_twice_gets_a_unique_id():
    res = parse_text("The General Assembly,\n\nRecalling,\n\n1. Decides:\n\n(c) one;\n\n(c) two.\n")
    assert [s.id for s in res.find("OP1").subparagraphs] == ["OP1(c)", "OP1(c)#2"]


HRC_RESOLUTION = """United Nations\tA/HRC/RES/52/1
General Assembly\tDistr.: General
11 April 2023

Original: English

Human Rights Council
Fifty-second session
27 February–4 April 2023
Agenda items 2 and 3
Annual report of the United Nations High Commissioner for Human Rights
and reports of the Office of the High Commissioner and the Secretary-General

Resolution adopted by the Human Rights Council on 3 April 2023

52/1. Promoting international cooperation in the field of human rights

The Human Rights Council,

Guided by the purposes and principles of the Charter of the United Nations,1

Bearing in mind its resolution 5/1,

1.\tReaffirms its commitment to the Charter;

2.\tDecides to continue its consideration of the question.
__________________
1 See General Assembly resolution 217 A (III).
23-07011\t2/4

41st meeting
3 April 2023

Annex

List of participants

1. Albania
2. Andorra
"""


def test_hrc_resolution_with_annex_and_combined_page_marks():
    res = parse_text(HRC_RESOLUTION)
    assert (res.kind, res.symbol, res.body) == ("resolution", "A/HRC/RES/52/1", "The Human Rights Council")
    assert res.title == "Promoting international cooperation in the field of human rights"
    assert [p.opener for p in res.paragraphs()] == ["Guided", "Bearing in mind", "Reaffirms", "Decides"]
    assert [p.number for p in res.operative] == ["1", "2"]       # the annex's list is not an OP
    assert res.find("OP2").text == "Decides to continue its consideration of the question."
    assert [f.text for f in res.find("PP1").footnotes] == ["See General Assembly resolution 217 A (III)."]
    # What follows the last paragraph is kept, verbatim, the page header left out.
    assert res.closing == ("41st meeting", "3 April 2023", "Annex", "", "List of participants",
                           "", "1. Albania", "2. Andorra")


def test_closing_survives_the_canonical_text_with_footnotes():
    res = parse_text(HRC_RESOLUTION)
    again = parse_text(render_text(res))
    assert again == res
    assert again.closing == res.closing and again.find("PP1").footnotes == res.find("PP1").footnotes


def test_text_set_apart_between_paragraphs_is_not_the_closing():
    # "**Option 2:** No text;" after 19quinquies, followed by more numbered paragraphs.
    res = parse_text(corpus_text("unfccc-cop21-draft-decision-6nov2015-bis-ter-excerpt.txt"))
    assert res.closing == ()
    assert parse_text(corpus_text("un-ga-res-80-1-palestine-participation-adopted-from-rev1.txt")
                      ).closing == ("3rd plenary meeting", "19 September 2025")


OAS_RESOLUTION = """AG/RES. 2908 (XLVII-O/17)

PROMOTING HEMISPHERIC SECURITY: A MULTIDIMENSIONAL APPROACH

(Adopted at the fourth plenary session, held on June 21, 2017)

THE GENERAL ASSEMBLY,

HAVING SEEN the Annual Report of the Permanent Council to the General Assembly;

BEARING IN MIND that the Charter of the Organization;1

RESOLVES:

1. To reaffirm the commitment of member states.

- 2 -

2. To request the General Secretariat to report
to the General Assembly at its forty-eighth regular session.
____________
1. The United States does not join this paragraph.
"""


def test_oas_resolution_with_dotted_footnotes_and_page_numbers():
    res = parse_text(OAS_RESOLUTION)
    assert (res.kind, res.symbol, res.style) == ("resolution", "AG/RES. 2908 (XLVII-O/17)", "oas")
    assert res.title == "PROMOTING HEMISPHERIC SECURITY: A MULTIDIMENSIONAL APPROACH"
    assert [p.opener for p in res.paragraphs()] == ["HAVING SEEN", "BEARING IN MIND", "To reaffirm", "To request"]
    assert res.find("OP2").text.endswith("at its forty-eighth regular session.")
    assert [f.text for f in res.find("PP2").footnotes] == ["The United States does not join this paragraph."]


def test_french_draft_front_matter():
    text = ("Nations Unies\tA/C.3/80/L.20/Rev.1\nAssemblée générale\tDistr. limitée\n12 novembre 2025\n"
            "Français\nOriginal : anglais\n\nQuatre-vingtième session\nTroisième Commission\n"
            "Point 67 de l’ordre du jour\nPromotion et protection des droits de l’enfant\n\n"
            "Albanie, Andorre, Belgique\net Uruguay : projet de résolution révisé\n\n"
            "Droits de l’enfant\n\nL’Assemblée générale,\n\nRéaffirmant ses résolutions,\n\n"
            "1.\tDécide de continuer.\n")
    res = parse_text(text)
    assert (res.symbol, res.title, res.language) == ("A/C.3/80/L.20/Rev.1", "Droits de l’enfant", "fr")
    assert res.sponsors == ("Albanie", "Andorre", "Belgique", "Uruguay")
    assert res.kind == "draft_resolution"


def test_grammar_tables_are_cached_and_a_spoiled_cache_is_rebuilt(tmp_path, monkeypatch):
    from drafting.parse import _TokenStream, load_grammar

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    load_grammar("resolution", lexer=_TokenStream)
    (cached,) = (tmp_path / "drafting").glob("resolution-*.cache")
    good = cached.read_bytes()
    for spoiled in (good[: len(good) // 2], b"not a cache\n", b""):
        cached.write_bytes(spoiled)
        parser = load_grammar("resolution", lexer=_TokenStream)
        assert parser.parse(_tokens("The General Assembly,", "Recalling its resolutions,",
                                    "1.", "Decides to remain seized.")).data == "start"
        # Rebuilt and written again: the same grammar hash on the first line, the same size.
        again = cached.read_bytes()
        assert again.split(b"\n", 1)[0] == good.split(b"\n", 1)[0] and len(again) == len(good)


def test_grammar_loads_without_a_writable_cache(tmp_path, monkeypatch):
    from drafting.parse import _TokenStream, load_grammar

    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert load_grammar("resolution", lexer=_TokenStream).parse(
        _tokens("The General Assembly,", "1.", "Decides.")).data == "start"


def _tokens(body: str, *lines: str):
    from lark import Token

    kinds = {"1.": "NUM"}
    out = [Token("BODY", body)]
    for line in lines:
        kind = kinds.get(line) or ("LINE" if out[-1].type == "NUM" else "PARA")
        out.append(Token(kind, line.rstrip(".") if kind == "NUM" else line))
    return out


def _flattened(text: str, body: str) -> str:
    """The text as a degraded extraction gives it: from the body line on, one long line."""
    head, _, rest = text.partition(body)
    return head + " ".join((body + rest).split()) + "\n"


@pytest.mark.parametrize("name, body", [
    ("un-sc-res-2532-2020-en.txt", "The Security Council,"),
    ("un-sc-res-2532-2020-fr.txt", "Le Conseil de sécurité,"),
    ("un-ga-80-L2-draft-palestine-participation-original.txt", "The General Assembly,"),
    ("un-ga-c3-80-L24-draft-report-hrc.txt", "The General Assembly,"),
    ("oas-cp-res-953-1700-09-honduras-es.txt", "EL CONSEJO PERMANENTE"),
])
def test_a_flattened_extraction_parses_as_the_original(name, body):
    """Paragraph breaks lost: the paragraphs, numbers, sub-paragraphs and footnotes of
    the one long line are those of the original (page marks and footnotes inside it too)."""
    text = corpus_text(name)
    flat = _flattened(text, body)
    assert len(flat.splitlines()) < len(text.splitlines()) - 10
    want, got = parse_text(text), parse_text(flat)

    def shape(res):
        return [(p.id, p.text, p.opener, [s.id for s in p.subparagraphs], p.footnotes)
                for p in res.paragraphs()]

    assert shape(got) == shape(want)
    assert (got.symbol, got.body, got.kind) == (want.symbol, want.body, want.kind)


def test_glued_numbers_and_labels():
    text = ("The General Assembly,\n\nRecalling its resolution 75/1,\n\n1.Decides:\n\n"
            "(a)The first;\n\n(b)The second;\n\n2.Requests a report.\n")
    res = parse_text(text)
    assert [p.id for p in res.operative] == ["OP1", "OP2"]
    assert [s.text for s in res.find("OP1").subparagraphs] == ["The first;", "The second;"]
    assert res.find("OP2").text == "Requests a report."
    # "1.5 million" is not a number followed by its text.
    res = parse_text("The General Assembly,\n\n1. Notes that\n1.5 million people;\n")
    assert [p.id for p in res.operative] == ["OP1"]


def test_world_health_assembly_layout():
    text = (Path(__file__).parent / "fixtures" / "languages" / "wha-style.txt").read_text(
        encoding="utf-8")
    res = parse_text(text)
    assert (res.kind, res.symbol, res.title, res.body) == (
        "resolution", "WHA76.1", "Strengthening primary health care",
        "The Seventy-sixth World Health Assembly")
    assert [p.opener for p in res.paragraphs()] == [
        "Having considered", "Recalling", "Reaffirming", "URGES", "REQUESTS"]
    assert [(s.id, s.marker) for s in res.find("OP1").subparagraphs] == [
        ("OP1(1)", "(1)"), ("OP1(2)", "(2)")]
    assert res.find("PP2").references == ("WHA72.2",)
    assert parse_text(render_text(res)) == res


def test_front_notes_and_the_sponsors_footnote_are_kept():
    l24 = parse_text(corpus_text("un-ga-c3-80-L24-draft-report-hrc.txt"))
    assert [(f.mark, f.text) for f in l24.footnotes] == [
        ("*", "On behalf of the States Members of the United Nations that are members of the "
              "Group of African States.")]
    assert l24.notes == ()                       # "*2517595*" is the job number's bar code
    res = parse_text(corpus_text("un-ga-res-80-1-palestine-participation-adopted-from-rev1.txt"))
    assert res.notes == ("[without reference to a Main Committee (A/80/L.2/Rev.1)]",)
    for r in (l24, res):
        assert parse_text(render_text(r)) == r


def test_headings_and_option_labels_stay_with_the_paragraph_after_them():
    res = parse_text(corpus_text("unfccc-cop21-draft-decision-6nov2015-bis-ter-excerpt.txt"))
    headed = {p.id: p.heading for p in res.paragraphs() if p.heading}
    assert headed["OP11"] == ("### II. INTENDED NATIONALLY DETERMINED CONTRIBUTIONS",)
    assert headed["OP20"] == ("**Option 2:** No text;",)
    assert [k for k in headed if k.startswith("OP6")] == ["OP6", "OP6#2", "OP6#3"]
    assert parse_text(render_text(res)) == res


def test_a_draft_submitted_by_a_vice_chair():
    text = (Path(__file__).parent / "fixtures" / "layouts" / "ga-c2-vice-chair.txt").read_text(
        encoding="utf-8")
    res = parse_text(text)
    assert (res.kind, res.symbol, res.title, res.sponsors) == (
        "draft_resolution", "A/C.2/79/L.52", "International trade and development", ())
    assert res.sponsor_note.startswith("Draft resolution submitted by the Vice-Chair")
    assert res.sponsor_note.endswith("on draft resolution A/C.2/79/L.10")
    assert parse_text(render_text(res)) == res
    fr = parse_text(text.replace("Draft resolution submitted by", "Projet de décision présenté par"))
    assert fr.kind == "draft_decision"


def test_review_fixes_for_dates_footnote_order_long_notes_and_body_commas():
    # "4 – 6 May 2024" at the start of a wrapped line is a date range, not "1 - " numbering.
    res = parse_text("The General Assembly,\n\nRecalling the Conference held in Geneva,\n"
                     "4 – 6 May 2024, and its outcome,\n\n1. Decides.\n")
    assert [p.id for p in res.paragraphs()] == ["PP1", "OP1"]
    assert res.find("PP1").text.endswith("Geneva, 4 – 6 May 2024, and its outcome,")
    # A footnote no paragraph cites is printed after the cited ones, so it stays uncited.
    res = parse_text("The General Assembly,\n\nRecalling paragraph 2 of its resolution 75/1,\n\n"
                     "1. Decides to act,1 as agreed.\n__________\n1 See A/80/1.\n2 See A/80/2.\n")
    assert [f.mark for f in res.find("OP1").footnotes] == ["1"]
    assert [f.mark for f in res.footnotes] == ["2"]
    assert parse_text(render_text(res)) == res
    # A sponsorship note longer than 200 characters, wrapped, then printed on one line.
    text = (Path(__file__).parent / "fixtures" / "layouts" / "ga-c2-vice-chair.txt").read_text(
        encoding="utf-8").replace(
        "(Uruguay), on the basis of informal consultations on",
        "(Uruguay),\non the basis of informal consultations held on the proposals of the Group "
        "of 77 and China\nand of several other delegations, on")
    res = parse_text(text)
    assert len(res.sponsor_note) > 200 and res.title == "International trade and development"
    assert parse_text(render_text(res)) == res
    # The body line keeps its own script's comma whatever the paragraphs' language.
    from dataclasses import replace as evolve
    assert evolve(res, body="安全理事会").body_line == "安全理事会，"
    assert evolve(res, body="إن مجلس الأمن").body_line == "إن مجلس الأمن،"


def test_option_labels_between_subparagraphs_stay_with_them():
    res = parse_text("The General Assembly,\n\nRecalling its resolution,\n\n5. Decides that:\n\n"
                     "**Option 1:**\n\n(a) the first;\n\n(b) the second;\n\n**Option 2:**\n\n"
                     "(a) the third;\n\n6. Requests a report.\n")
    assert [(s.id, s.heading) for s in res.find("OP5").subparagraphs] == [
        ("OP5(a)", ("**Option 1:**",)), ("OP5(b)", ()), ("OP5(a)#2", ("**Option 2:**",))]
    assert res.find("OP6").heading == ()
    assert parse_text(render_text(res)) == res
    # In the last paragraph too: the label is not read as the closing, nor as text.
    res = parse_text("The General Assembly,\n\n1. Decides that:\n\nAlternative A\n\n(a) the first\n")
    assert (res.find("OP1(a)").heading, res.find("OP1(a)").text, res.closing) == (
        ("Alternative A",), "the first", ())
    assert parse_text(render_text(res)) == res


def test_run_together_lines_after_the_body_line_are_cut_too():
    line1 = ("The General Assembly, Recalling its resolution 75/1 of 16 September 2020 on the "
             "commemoration of the seventy-fifth anniversary of the United Nations, 1. Decides to "
             "convene a high-level meeting on the subject in 2026; 2. Requests the "
             "Secretary-General to submit a report on the implementation of the present resolution;")
    line2 = ("3. Invites Member States and observers to participate actively in the preparations "
             "for the meeting at the highest possible level; 4. Decides to remain seized of the "
             "matter and to consider it at its eighty-first session under the relevant item.")
    res = parse_text(line1 + "\n" + line2 + "\n")
    assert [p.id for p in res.paragraphs()] == ["PP1", "OP1", "OP2", "OP3", "OP4"]
    assert res.find("OP4").text.startswith("Decides to remain seized")
    assert [p.line for p in res.operative] == [1, 1, 2, 2]


def test_second_review_fixes():
    # A "submitted by" note wrapping after a symbol goes on: "and A/C.2/79/L.11" is its.
    text = (Path(__file__).parent / "fixtures" / "layouts" / "ga-c2-vice-chair.txt").read_text(
        encoding="utf-8").replace("on draft resolution A/C.2/79/L.10",
                                  "on draft resolutions A/C.2/79/L.10\nand A/C.2/79/L.11")
    res = parse_text(text)
    assert res.sponsor_note.endswith("A/C.2/79/L.10 and A/C.2/79/L.11")
    assert res.title == "International trade and development"
    # A blank to fill in, in a run-together line, is not a footnote rule.
    flat = ("The General Assembly, Recalling its resolution 75/1 of 16 September 2020 on the "
            "commemoration of the seventy-fifth anniversary of the United Nations, 1. Decides to "
            "convene a high-level meeting on the subject in 2026; 2. Decides also that the "
            "meeting shall be held in __________ on a date to be decided by the President, and "
            "invites Member States to attend; 3. Requests a report.\n")
    res = parse_text(flat)
    assert [p.id for p in res.operative] == ["OP1", "OP2", "OP3"]
    assert "held in __________ on a date" in res.find("OP2").text
    # The trailer of a run-together adopted text, page furniture after it.
    text = corpus_text("un-ga-res-80-1-palestine-participation-adopted-from-rev1.txt")
    flat = _flattened(text, "The General Assembly,") + "25-15106 (E)\n"
    assert parse_text(flat).closing == ("3rd plenary meeting", "19 September 2025")
    assert parse_text(flat).closing == parse_text(text).closing      # as the lines print it
    # Arabic "1 - " numbering before a bracket or emphasis.
    res = parse_text("إن مجلس الأمن،\n\nإذ يشير إلى قراراته،\n\n1 - [يطالب بالوقف الفوري؛\n\n"
                     "2 - **يقرر** أن يبقي المسألة قيد نظره.\n")
    assert [p.id for p in res.paragraphs()] == ["PP1", "OP1", "OP2"]
    # The label the tool gives an inserted sub-paragraph reads back.
    res = parse_text("The General Assembly,\n\n1. Decides:\n\n(a) To do x;\n\n(a bis) To do w;\n\n"
                     "(b) To do y;\n")
    assert [(s.id, s.marker) for s in res.find("OP1").subparagraphs] == [
        ("OP1(a)", "(a)"), ("OP1(abis)", "(a bis)"), ("OP1(b)", "(b)")]


def test_report_prose_is_not_a_long_sponsors_line():
    from drafting.preprocess import header_start, split_lines

    prose = ("12. At its 45th meeting, on 18 November, the Committee had before it the draft "
             "resolution and the following proposed amendments by Belarus: amendments to "
             "paragraphs 3 and 4, which were rejected by a recorded vote of 90 to 20, with 50 "
             "abstentions, after statements by several delegations")
    lines = split_lines(prose + "\n\nRights of the child\n\nThe General Assembly,\n")
    assert header_start(lines, 4) == 1


def test_third_review_fixes():
    from drafting.docx_read import docx_to_text
    from drafting.render.docx import render_docx

    def both_ways(res):
        assert parse_text(render_text(res)) == res
        assert parse_text(docx_to_text(render_docx(res))) == res

    # A byte-order mark, CR-only line endings.
    plain = "The Security Council,\n\nRecalling its resolutions,\n\n1. Decides.\n"
    want = parse_text(plain)
    for text in ("\ufeff" + plain, plain.replace("\n", "\r")):
        assert [(p.id, p.text) for p in parse_text(text).paragraphs()] == \
            [(p.id, p.text) for p in want.paragraphs()]
    # An adopted text without its symbol keeps its kind through Word.
    res = parse_text("Resolution\n\nThe General Assembly,\n\n1. Decides to do x.\n")
    assert res.kind == "resolution"
    both_ways(res)
    # Closing lines and footnotes collapse runs of white space, as paragraph text does.
    res = parse_text("A/RES/80/1\n\nThe General Assembly,\n\n1. Decides to do x.\n\n"
                     "3rd plenary meeting  19 September 2025\n")
    assert res.closing == ("3rd plenary meeting 19 September 2025",)
    both_ways(res)
    # A Markdown heading indented; a text indented as a whole.
    res = parse_text("The General Assembly,\n\nRecalling its resolution 1,\n\n  ### I. HEADING\n\n"
                     "1. Decides to do x.\n")
    assert [(p.id, p.heading) for p in res.paragraphs()] == [("PP1", ()), ("OP1", ("### I. HEADING",))]
    both_ways(res)
    text = corpus_text("un-ga-res-80-1-palestine-participation-adopted-from-rev1.txt")
    indented = "\n".join("    " + line if line.strip() else line for line in text.split("\n"))
    assert parse_text(indented).closing == ("3rd plenary meeting", "19 September 2025")


@pytest.mark.parametrize("name", ["un-ga-80-L2-draft-palestine-participation-original.txt",
                                  "un-ga-c3-80-L24-draft-report-hrc.txt",
                                  "un-ga-res-80-1-palestine-participation-adopted-from-rev1.txt"])
def test_a_text_without_blank_lines_keeps_its_front_matter_and_trailer(name):
    text = corpus_text(name)
    bare = without_blank_lines(text)
    want, got = parse_text(text), parse_text(bare)
    assert (got.symbol, got.title, got.sponsors, got.notes, got.closing) == (
        want.symbol, want.title, want.sponsors, want.notes, want.closing)
    assert [(p.id, p.text) for p in got.paragraphs()] == [(p.id, p.text) for p in want.paragraphs()]


def test_parse_files_in_child_processes_gives_what_parse_file_gives(monkeypatch):
    """min_bytes=0 sends every file after the first to a child process: the results are
    the same objects, in the same order, as parsing them one by one; an amendment document
    comes back as one too."""
    from drafting import parse
    from drafting.parse import parse_file, parse_files

    sent = []
    child_result = parse._child_result

    def record(pid, fd):
        sent.append(child_result(pid, fd))
        return sent[-1]

    monkeypatch.setattr(parse, "_child_result", record)

    names = ["un-ga-80-L2-draft-palestine-participation-original.txt",
             "oas-cam-report-2013.txt", "un-ga-c3-80-L65-amendment-report-hrc.txt",
             "un-ga-80-L2-draft-palestine-participation-original.txt"]
    paths = [str(CORPUS / n) for n in names]
    assert parse_files(paths, min_bytes=0) == [parse_file(p) for p in paths]
    assert sent == [parse_file(p) for p in paths[1:]]     # three came from children
    sent.clear()
    parse_files(paths)                                    # small files: no child
    assert sent == []


def test_parse_files_raises_the_error_parse_file_raises(tmp_path):
    """A child that fails sends nothing back; the file is parsed again here, so the error
    names its file and line as parse_file's does, and no child is left behind."""
    import os

    from drafting.parse import parse_file, parse_files

    bad = tmp_path / "bad.txt"
    bad.write_text("Nothing here\nlooks like a resolution.\n", encoding="utf-8")
    good = str(CORPUS / "oas-cam-report-2013.txt")
    for paths in ([good, str(bad)], [str(bad), good], [good, str(bad), good]):
        with pytest.raises(ParseError) as got:
            parse_files(paths, min_bytes=0)
        with pytest.raises(ParseError) as want:
            parse_file(str(bad))
        assert str(got.value) == str(want.value)
        assert str(bad) in str(got.value)
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)          # every child was reaped


def test_parse_files_without_fork_parses_in_turn(monkeypatch):
    import os

    from drafting.parse import parse_file, parse_files

    monkeypatch.delattr(os, "fork")
    paths = [str(CORPUS / "oas-cam-report-2013.txt"),
             str(CORPUS / "un-ga-80-L2-draft-palestine-participation-original.txt")]
    assert parse_files(paths, min_bytes=0) == [parse_file(p) for p in paths]


_WRAPPED_TITLE = """United Nations                                                    A/80/L.99

General Assembly                                          Distr.: Limited
                                                          3 July 2025

Eightieth session
Agenda item 12

          Argentina, Brazil and Chile: draft resolution

          {title}
          {end}
          25-10101

          The General Assembly,

          Recalling its resolutions,

          1.   Decides to act.
"""


@pytest.mark.parametrize("title, end", [
    ("Commemoration of the eightieth anniversary of the end of the war of", "3 July 2025"),
    ("Revitalization of the work of the", "General Assembly"),
    ("Report of the Human Rights Council on its", "fifty-eighth session"),
])
def test_a_title_wrapping_onto_words_that_look_like_furniture_keeps_them(title, end):
    """The masthead's date and organ stay furniture; the same words at the title's margin,
    right under its first line, end the title. A job number under it does not."""
    res = parse_text(_WRAPPED_TITLE.format(title=title, end=end))
    assert res.title == f"{title} {end}"
    assert res.sponsors == ("Argentina", "Brazil", "Chile")
    assert parse_text(render_text(res)).title == res.title


def test_a_date_set_apart_from_the_title_is_not_part_of_it():
    text = _WRAPPED_TITLE.format(title="Commemoration of the end of the war",
                                 end="\n          3 July 2025")
    assert parse_text(text).title == "Commemoration of the end of the war"
    shifted = _WRAPPED_TITLE.format(title="Commemoration of the end of the war",
                                    end="                                3 July 2025")
    assert parse_text(shifted).title == "Commemoration of the end of the war"


def test_parse_files_when_children_are_reaped_by_the_system(monkeypatch):
    """With SIGCHLD ignored (a caller's `trap '' CHLD`) waitpid finds no child: the
    results, framed by their length, are taken all the same, and errors stay parse errors."""
    import signal

    from drafting.parse import parse_file, parse_files

    paths = [str(CORPUS / "oas-cam-report-2013.txt"),
             str(CORPUS / "un-ga-80-L2-draft-palestine-participation-original.txt")]
    old = signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    try:
        assert parse_files(paths, min_bytes=0) == [parse_file(p) for p in paths]
    finally:
        signal.signal(signal.SIGCHLD, old)


def test_parse_files_without_a_process_to_fork(monkeypatch):
    """fork failing (EAGAIN: too many processes) parses in turn, leaving no descriptor
    open and no child behind."""
    import os

    from drafting.parse import parse_file, parse_files

    def no_process():
        raise BlockingIOError(11, "Resource temporarily unavailable")

    paths = [str(CORPUS / "oas-cam-report-2013.txt"),
             str(CORPUS / "un-ga-80-L2-draft-palestine-participation-original.txt"),
             str(CORPUS / "oas-cam-report-2013.txt")]
    fds = len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else None
    monkeypatch.setattr(os, "fork", no_process)
    assert parse_files(paths, min_bytes=0) == [parse_file(p) for p in paths]
    if fds is not None:
        assert len(os.listdir("/proc/self/fd")) == fds


def test_a_sole_unnumbered_operative_paragraph():
    """Short resolutions print their one operative paragraph unnumbered: it is operative
    (it ends the text with a full stop after the preamble's commas), named OP1, numbered
    None; the trailer set to the right is the closing; marks "1,2" cite both footnotes."""
    text = (Path(__file__).parent / "fixtures" / "layouts" / "ga-res-sole-operative.txt"
            ).read_text(encoding="utf-8")
    res = parse_text(text)
    assert [p.id for p in res.preambular] == ["PP1", "PP2"]
    assert [(p.id, p.number, p.opener) for p in res.operative] == [("OP1", None, "Takes note")]
    assert res.operative[0].text.endswith("of the recommendations contained therein.")
    assert res.closing == ("52nd plenary meeting", "17 December 2026")
    assert [f.mark for f in res.preambular[1].footnotes] == ["1", "2"]
    assert parse_text(render_text(res)) == res
    # Run together on one line, as some extractions give it: the same structure.
    flat = _flattened(text, "Resolution adopted")
    again = parse_text(flat)
    assert [(p.id, p.number) for p in again.paragraphs()] == [
        (p.id, p.number) for p in res.paragraphs()]
    assert again.closing == res.closing


@pytest.mark.parametrize("text, pre, ops", [
    # a preamble alone (an excerpt) stays a preamble
    ("The General Assembly,\n\nRecalling its resolution 1,\n\nNoting the report,\n", 2, 0),
    # an operative paragraph alone
    ("The General Assembly,\n\nDecides to include the item in its agenda.\n", 0, 1),
    # after a transition, unnumbered
    ("THE PERMANENT COUNCIL,\n\nCONSIDERING that it is urgent,\n\nRESOLVES:\n\n"
     "To instruct the General Secretariat to report.\n", 1, 1),
    # a last preambular paragraph ending without a full stop: nothing to tell
    ("The General Assembly,\n\nRecalling its resolution 1,\n\nNoting the report\n", 2, 0),
])
def test_which_unnumbered_paragraphs_are_operative(text, pre, ops):
    res = parse_text(text)
    assert (len(res.preambular), len(res.operative)) == (pre, ops)
    assert parse_text(render_text(res)) == res


def test_a_decision_whose_body_runs_on_into_its_paragraph():
    """"The General Assembly decides to take note of the following documents:": the body,
    then one unnumbered operative paragraph from the verb, with its sub-paragraphs; the
    canonical text prints them on one line again, and the store's JSON keeps that."""
    from drafting.model import Resolution as R

    text = (Path(__file__).parent / "fixtures" / "layouts" / "ga-c3-draft-decision.txt"
            ).read_text(encoding="utf-8")
    res = parse_text(text)
    assert (res.kind, res.symbol, res.body, res.body_runs_on) == (
        "draft_decision", "A/C.3/80/L.70", "The General Assembly", True)
    assert res.title == ("Documents considered by the General Assembly in connection with "
                         "the question of the advancement of women")
    assert res.preambular == ()
    [op] = res.operative
    assert (op.id, op.number, op.text) == ("OP1", None,
                                           "decides to take note of the following documents:")
    assert [s.id for s in op.subparagraphs] == ["OP1(a)", "OP1(b)"]
    canonical = render_text(res)
    assert "\nThe General Assembly decides to take note of the following documents:\n" in canonical
    assert "The General Assembly,\n" not in canonical
    assert parse_text(canonical) == res
    assert R.from_dict(json.loads(json.dumps(res.to_dict()))) == res
    # Prose that merely names the Assembly is still no resolution.
    with pytest.raises(ParseError):
        parse_text("In 2019 the General Assembly decided to act.\n")


def test_a_council_draft_with_a_placeholder_number_and_no_footnote_rule():
    """"58/... Freedom of opinion and expression": the title without the number to come,
    the text still a draft; "* State not a member ..." after the last paragraph, with no
    rule above it, is the footnote of the sponsors' "*", not the closing."""
    text = (Path(__file__).parent / "fixtures" / "layouts" / "hrc-draft-no-rule.txt"
            ).read_text(encoding="utf-8")
    res = parse_text(text)
    assert (res.kind, res.symbol, res.title) == (
        "draft_resolution", "A/HRC/58/L.12", "Freedom of opinion and expression")
    assert res.sponsors == ("Albania", "Argentina", "Austria")
    assert [(f.mark, f.text) for f in res.footnotes] == [
        ("*", "State not a member of the Human Rights Council.")]
    assert res.closing == ()
    assert [p.id for p in res.paragraphs()] == ["PP1", "OP1", "OP2"]
    assert parse_text(render_text(res)) == res
    assert parse_text(text.replace("58/...", "58/…")).title == res.title


@pytest.mark.parametrize("text, pre, ops", [
    # OAS preambles end with semicolons, the last with a full stop: all preambular
    ("THE GENERAL ASSEMBLY,\n\nRECALLING resolution AG/RES. 2738 (XLII-O/12);\n\n"
     "BEARING IN MIND the Inter-American Democratic Charter;\n\n"
     "CONSIDERING that migration is a priority.\n", 3, 0),
    ("EL CONSEJO PERMANENTE,\n\nVISTO el informe anual;\n\n"
     "TENIENDO PRESENTE la Carta Democrática Interamericana.\n", 2, 0),
    # an excerpt whose last preambular paragraph ends with a full stop
    ("The General Assembly,\n\nRecalling its resolution 70/1,\n\n"
     "Noting with concern the persistent gaps in financing.\n", 2, 0),
    ("The General Assembly,\n\nRecalling its resolution 70/1,\n\n"
     "Deeply concerned at the gaps.\n", 2, 0),
    # a sole "Decides:" with its sub-paragraphs, not a transition
    ("The General Assembly,\n\nRecalling its resolution 78/12,\n\nDecides:\n\n"
     "(a) To convene a high-level meeting in 2027;\n\n(b) To request a report.\n", 1, 1),
])
def test_unnumbered_paragraphs_that_open_as_preambular_ones_stay_so(text, pre, ops):
    res = parse_text(text)
    assert (len(res.preambular), len(res.operative)) == (pre, ops)
    assert res.transition is None
    assert parse_text(render_text(res)) == res


def test_after_a_sole_unnumbered_paragraph_the_note_annex_and_spanish_trailer():
    """What follows the text's full stop stays out of the paragraphs: the sponsors' note
    whose rule was lost, an annex (after its trailer), "52ª sesión plenaria"."""
    note = parse_text("A/HRC/59/L.12\n\nAlbania,* Chile: draft resolution\n\nTitle\n\n"
                      "The Human Rights Council,\n\nRecalling its resolution 56/3,\n\n"
                      "Takes note of the report of the\nSpecial Rapporteur.\n\n"
                      "* State not a member of the\nHuman Rights Council.\n")
    assert [p.id for p in note.paragraphs()] == ["PP1", "OP1"]
    assert note.operative[0].text == "Takes note of the report of the Special Rapporteur."
    assert [(f.mark, f.text) for f in note.footnotes] == [
        ("*", "State not a member of the Human Rights Council.")]
    annex = parse_text("The General Assembly,\n\nRecalling its resolution 79/2,\n\n"
                       "Approves the political declaration annexed to the present resolution.\n\n"
                       "99th plenary meeting\n9 September 2027\n\nAnnex\n\nPolitical declaration\n\n"
                       "We, Heads of State and Government,\n\n1. Commit to act.\n")
    assert [(p.id, p.number) for p in annex.paragraphs()] == [("PP1", "1"), ("OP1", None)]
    assert annex.closing[:3] == ("99th plenary meeting", "9 September 2027", "Annex")
    assert annex.closing[-1] == "1. Commit to act."
    spanish = parse_text("La Asamblea General,\n\nRecordando su resolución 45/158,\n\n"
                         "Toma nota del informe del Comité.\n\n52ª sesión plenaria\n"
                         "17 de diciembre de 2026\n")
    assert [(p.id, p.number) for p in spanish.operative] == [("OP1", None)]
    assert spanish.closing == ("52ª sesión plenaria", "17 de diciembre de 2026")


def test_sub_paragraph_lists_of_roman_numerals_and_inserted_first_ones():
    """A list that opens with (i) goes on with (ii) at its level; "(0 bis)" before (i)
    under (a) sits at (i)'s level, and before (a) at (a)'s."""
    romans = parse_text("The General Assembly,\n\nRecalling x,\n\n1. Decides:\n\n(i) one;\n\n"
                        "(ii) two;\n\n(iii) three.\n")
    assert [s.id for s in romans.find("OP1").walk()] == ["OP1", "OP1(i)", "OP1(ii)", "OP1(iii)"]
    nested = parse_text("The General Assembly,\n\nRecalling x,\n\n1. Decides:\n\n"
                        "(0 bis) To open;\n\n(a) To meet, which shall:\n\n(0 bis) Open;\n\n"
                        "(i) Review;\n\n(ii) Adopt;\n\n(b) To report.\n")
    assert [s.id for s in nested.find("OP1").walk()] == [
        "OP1", "OP1(0bis)", "OP1(a)", "OP1(a)(0bis)", "OP1(a)(i)", "OP1(a)(ii)", "OP1(b)"]


@pytest.mark.parametrize("text", [
    # no blank lines, a "* " line inside the operative part
    "THE GENERAL ASSEMBLY,\nRECALLING resolution AG/RES. 2738 (XLII-O/12),\nRESOLVES:\n"
    "1. To instruct the Permanent Council to hold a special meeting.\n"
    "* The meeting shall be held at headquarters.\n2. To request a report.\n"
    "3. To request the Permanent Council to report.\n",
    # Markdown bullets after a full stop
    "The General Assembly,\n\nRecalling its resolution 70/1,\n\n1. Decides as follows.\n\n"
    "* to meet;\n\n* to report.\n\n2. Requests a report.\n",
])
def test_a_star_line_is_a_note_only_at_the_end_with_its_mark_in_the_front(text):
    """"* ..." after a full stop is the sponsors' note only when the front matter prints
    "*" and nothing but its wrapped lines follow; elsewhere it stays in the paragraphs."""
    res = parse_text(text)
    assert [p.id for p in res.operative] == ["OP1", "OP2"] + (["OP3"] if "3." in text else [])
    assert res.footnotes == () and res.closing == ()
    assert "* " in res.operative[0].full_text() + " ".join(res.operative[1].heading)


@pytest.mark.parametrize("text, ops", [
    # French and Spanish feminine adjectives, "VISTO", open preambular paragraphs
    ("L'Assemblée générale,\n\nRappelant sa résolution 70/1,\n\n"
     "Convaincue que la coopération internationale est essentielle.\n", 0),
    ("La Asamblea General,\n\nRecordando su resolución 70/1,\n\n"
     "Resuelta a promover la cooperación internacional.\n", 0),
    ("LA ASAMBLEA GENERAL,\n\nVISTO el Informe Anual del Consejo Permanente;\n\n"
     "TOMA NOTA del informe.\n", 1),
    # "Decides:" with its sub-paragraphs, then an unnumbered paragraph
    ("The General Assembly,\n\nRecalling its resolution 78/12,\n\nDecides:\n\n"
     "(a) To convene a meeting;\n\n(b) To request a report;\n\n"
     "Requests the Secretary-General to report thereon.\n", 2),
])
def test_more_openers_and_unnumbered_operative_parts(text, ops):
    res = parse_text(text)
    assert len(res.operative) == ops
    assert all(p.number is None for p in res.operative)
    assert parse_text(render_text(res)) == res


def test_letters_under_a_roman_numeral_are_a_level_down():
    res = parse_text("The General Assembly,\n\nRecalling x,\n\n1. Requests a report on:\n\n"
                     "(i) Progress made;\n\n(ii) Obstacles, in particular:\n\n(a) Financial ones;\n\n"
                     "(b) Legal ones;\n\n(iii) Recommendations.\n")
    assert [s.id for s in res.find("OP1").walk()] == [
        "OP1", "OP1(i)", "OP1(ii)", "OP1(ii)(a)", "OP1(ii)(b)", "OP1(iii)"]


@pytest.mark.parametrize("text", [
    "L'Assemblée générale prie le Secrétaire général de lui présenter un rapport.\n",
    "La Asamblea General solicita al Secretario General que le presente un informe.\n",
])
def test_run_on_decisions_in_french_and_spanish(text):
    res = parse_text(text)
    assert res.body_runs_on and len(res.operative) == 1


def test_a_presidential_statement_is_not_a_decision():
    with pytest.raises(ParseError):
        parse_text("The Security Council welcomes the efforts of the Secretary-General.\n")


def test_decides_with_sub_paragraphs_after_an_unnumbered_paragraph_and_under_capitals():
    before = parse_text("The General Assembly,\n\nRecalling its resolution 50/1,\n\n"
                        "Takes note of the report;\n\nDecides:\n\n(a) To hold a panel;\n\n"
                        "(b) To request a report;\n\nRequests assistance.\n")
    assert [(p.id, p.number) for p in before.operative] == [("OP1", None), ("OP2", None),
                                                           ("OP3", None)]
    assert [s.id for s in before.find("OP2").subparagraphs] == ["OP2(a)", "OP2(b)"]
    oas = parse_text("THE GENERAL ASSEMBLY,\n\nRECALLING resolution AG/RES. 2738 (XLII-O/12),\n\n"
                     "RESOLVES:\n\n(a) To instruct the Permanent Council;\n\n(b) To request a report.\n")
    assert [s.id for s in oas.find("OP1").subparagraphs] == ["OP1(a)", "OP1(b)"]
    for res in (before, oas):
        assert parse_text(render_text(res)) == res


def test_roman_one_after_h_opens_a_list_when_ii_follows():
    """"(i)" after "(h)" is the letter, unless "(ii)" comes next."""
    nested = parse_text("The General Assembly,\n\nRecalling x,\n\n1. Decides:\n\n(g) g;\n\n"
                        "(h) Item h, including:\n\n(i) first;\n\n(ii) second;\n\n(i) Item i;\n\n"
                        "(j) Item j.\n")
    assert [s.id for s in nested.find("OP1").walk()] == [
        "OP1", "OP1(g)", "OP1(h)", "OP1(h)(i)", "OP1(h)(ii)", "OP1(i)", "OP1(j)"]
    letters = parse_text("The General Assembly,\n\nRecalling x,\n\n1. Decides:\n\n(g) g;\n\n"
                         "(h) h;\n\n(i) Item i;\n\n(j) Item j.\n")
    assert [s.id for s in letters.find("OP1").walk()] == [
        "OP1", "OP1(g)", "OP1(h)", "OP1(i)", "OP1(j)"]


def test_a_star_note_then_the_trailer():
    """The note takes its wrapped lines, not the trailer after it."""
    res = parse_text("A/HRC/59/L.1\n\nAlbania,* Chile: draft resolution\n\nTitle\n\n"
                     "The Human Rights Council,\n\nRecalling x,\n\nTakes note of the report.\n\n"
                     "* State not a member of the\nHuman Rights Council.\n\n50th meeting\n"
                     "3 April 2025\n")
    assert [(f.mark, f.text) for f in res.footnotes] == [
        ("*", "State not a member of the Human Rights Council.")]
    assert res.closing == ("50th meeting", "3 April 2025")
    assert [p.id for p in res.operative] == ["OP1"]


def test_a_star_line_before_a_number_alone_on_its_line_stays_in_the_text():
    res = parse_text("A/HRC/59/L.1\n\nAlbania,* Chile: draft resolution\n\nTitle\n\n"
                     "The Human Rights Council,\n\nRecalling x,\n\n1\nTakes note of the report.\n\n"
                     "* State not a member of the Human Rights Council.\n\n2\n"
                     "Decides to remain seized of the matter.\n")
    assert [p.id for p in res.operative] == ["OP1", "OP2"]
    assert res.operative[1].text == "Decides to remain seized of the matter."


@pytest.mark.parametrize("stem", [
    "oas-cam-report-2013", "oas-cp-res-953-1700-09-honduras-es",
    "unfccc-cop21-draft-decision-6nov2015-bis-ter-excerpt", "un-sc-res-2532-2020-fr"])
def test_narrow_columns_read_as_the_wide_text(stem):
    """Every paragraph line wrapped at 60 characters, as a narrow PDF column prints it: the
    body line over two lines, headings in capitals over two, a wrapped line starting with
    "Establishment of ..." after a comma: the same structure as the text itself."""
    import textwrap

    text = corpus_text(f"{stem}.txt")
    narrow = "\n\n".join("\n".join(textwrap.wrap(par, 60)) if len(par) > 60 and "\n" not in par.strip()
                         else par for par in text.split("\n\n"))
    assert narrow != text
    want, got = parse_text(text), parse_text(narrow)
    assert [(p.id, p.text[:40], [s.id for s in p.walk()]) for p in got.paragraphs()] == \
        [(p.id, p.text[:40], [s.id for s in p.walk()]) for p in want.paragraphs()]
    assert (got.body, got.title, got.symbol) == (want.body, want.title, want.symbol)


@pytest.mark.parametrize("stem", ["un-sc-res-2532-2020-en", "un-sc-res-2532-2020-es",
                                  "unfccc-cop21-draft-decision-6nov2015-bis-ter-excerpt"])
def test_no_break_spaces_in_the_front_matter(stem):
    """PDF extractions print no-break spaces: "Adopted by the Security Council ..." and
    "B. DRAFT DECISION" are still recognised, not taken for the title."""
    text = corpus_text(f"{stem}.txt")
    want = parse_text(text)
    got = parse_text(text.replace(" ", "\u00a0", 60))
    assert (got.kind, got.symbol, " ".join((got.title or "").split())) == (
        want.kind, want.symbol, " ".join((want.title or "").split()))
    assert [p.id for p in got.paragraphs()] == [p.id for p in want.paragraphs()]


def test_invisible_characters_do_not_hide_structure():
    """Zero-width spaces on a line of their own make a blank line; soft hyphens inside a
    label ("draft resolu\\u00adtion", "Resolu\\u00adtion 2532") still let it be read. The
    paragraphs keep them, verbatim."""
    text = corpus_text("un-ga-80-L2-draft-palestine-participation-original.txt")
    want = parse_text(text)
    got = parse_text(text.replace("draft resolution", "draft resolu\u00adtion")
                     .replace("\n\n", "\n\u200b\n"))
    assert (got.sponsors, got.title, got.symbol) == (want.sponsors, want.title, want.symbol)
    assert [p.id for p in got.paragraphs()] == [p.id for p in want.paragraphs()]
    sc = corpus_text("un-sc-res-2532-2020-en.txt")
    assert parse_text(sc.replace("Resolution 2532", "Resolu\u00adtion 2532")).title == \
        parse_text(sc).title


def test_a_page_break_after_a_comma_inside_a_preambular_paragraph():
    """A list of resolutions breaks across a page after "..., 73/152 of 17 December 2018,":
    the line after the page's head ("74/132 of 18 December 2019, ...") goes on with it; no
    preambular paragraph opens with a number."""
    text = corpus_text("un-ga-c3-80-L24-draft-report-hrc.txt")
    lines = text.splitlines()
    at = next(k for k, ln in enumerate(lines) if ln.startswith("74/132 of 18 December 2019"))
    broken = "\n".join(lines[:at] + ["", "25-12345", "2/3", "", "A/C.3/80/L.24", ""] + lines[at:])
    want, got = parse_text(text), parse_text(broken)
    assert [(p.id, p.text) for p in got.paragraphs()] == [(p.id, p.text) for p in want.paragraphs()]


def test_the_new_layout_rules_leave_these_alone():
    """A helper's before/after comparison: Russian paragraphs (lower case) after a page
    head stay apart; a paragraph in capitals after a capital heading stays a paragraph (and
    "I. GENERAL PROVISIONS" is a heading); "The General Assembly" without its comma is not
    joined to the paragraph under it; numbered lines "1) ..." still open paragraphs."""
    ru = (Path(__file__).parent / "fixtures" / "languages" / "sc-res-ru.txt").read_text(
        encoding="utf-8")
    want = parse_text(ru)
    at = ru.index("вновь подтверждая")
    paged = parse_text(ru[:at] + "20-08613  2/3\n\nS/RES/2532 (2020)\n\n" + ru[at:])
    assert [p.id for p in paged.paragraphs()] == [p.id for p in want.paragraphs()]
    oas = parse_text("AG/doc.5000/25\n\nDRAFT RESOLUTION\n\nMIGRATION IN THE OAS\n\n"
                     "THE GENERAL ASSEMBLY,\n\nI. GENERAL PROVISIONS\n"
                     "RECALLING ALL ITS RESOLUTIONS ON MIGRATION;\n\n"
                     "UNDERSCORING the nexus between migration and development;\n\nRESOLVES:\n\n"
                     "1. To instruct the Committee.\n")
    assert [(p.id, p.heading, p.text[:9]) for p in oas.preambular] == [
        ("PP1", ("I. GENERAL PROVISIONS",), "RECALLING"), ("PP2", (), "UNDERSCOR")]
    with pytest.raises(ParseError):
        parse_text("Draft resolution\nThe General Assembly\nRecalling its resolution 70/1,\n"
                   "1. Decides to act.\n")
    numbered = parse_text("The General Assembly,\n\nRecalling its resolution 1,\n\n"
                          "1) Decides to act;\n\n2) Requests a report.\n")
    assert [p.text[:2] for p in numbered.paragraphs()] == ["Re", "1)", "2)"]


def test_sections_marked_by_roman_numerals_alone_on_their_lines():
    """A resolution in sections ("I" / its title / its paragraphs): the mark and the title
    are the heading of the section's first paragraph, not preambular paragraphs, whether a
    blank line parts them or not; a title wrapped over lines is one heading line; a section's own preambular
    paragraph after the first section stays in the heading (the model keeps preambular
    paragraphs before the operative ones), verbatim."""
    text = (Path(__file__).parent / "fixtures" / "layouts" / "ga-res-sections.txt"
            ).read_text(encoding="utf-8")
    res = parse_text(text)
    assert [p.opener for p in res.preambular] == ["Recalling", "Having considered"]
    assert res.preambular[1].heading == (
        "I", "Revised estimates resulting from resolutions and decisions adopted by the Human "
        "Rights Council at its fifty-ninth session")
    assert [p.number for p in res.operative] == ["1", "2", "3", "4", "5"]
    assert res.operative[2].heading == (
        "II", "Seismic mitigation retrofit and life-cycle replacements project at the "
        "Economic and Social Commission for Asia and the Pacific premises in Bangkok",
        "Recalling section II of its resolution 78/253,")
    assert res.operative[4].heading == ("III. Strategic heritage plan",)
    assert res.closing == ("50th plenary meeting", "24 December 2025")
    assert parse_text(render_text(res)) == res


@pytest.mark.parametrize("text, pre", [
    # a lettered part set apart: a heading
    ("The General Assembly,\n\nA\n\nRecalling its resolution 1,\n\n1. Decides to act.\n",
     ["Recalling its resolution 1,"]),
    # a paragraph after the mark, not a title: it ends with a comma
    ("The General Assembly,\n\nI\nRecalling its resolution 1,\n\n1. Decides to act.\n",
     ["Recalling its resolution 1,"]),
    # a preambular paragraph that wraps before a capital "A" is not a part's mark
    ("The General Assembly,\n\nRecalling its resolution 1, annex\nA to which,\n\n"
     "1. Decides to act.\n", ["Recalling its resolution 1, annex A to which,"]),
    # "I. Decides ...;" ends as a paragraph: not a heading
    ("The General Assembly,\n\nNoting the report,\n\nI. Noting also the report;\n\n"
     "1. Decides to act.\n", ["Noting the report,", "I. Noting also the report;"]),
])
def test_section_marks_and_what_is_not_one(text, pre):
    res = parse_text(text)
    assert [p.text for p in res.preambular] == pre
    assert [p.number for p in res.operative] == ["1"]


def test_a_body_line_printed_without_its_comma():
    """"The General Assembly" / "Adopts the 2025 Political Declaration ..., annexed to the
    present resolution.": the body, one unnumbered operative paragraph, and the annex (its
    own paragraphs 1, 2, ...) kept verbatim in the closing. The canonical text prints the
    body as it was, without a comma."""
    text = real_text("A_80_L.8.txt")
    res = parse_text(text)
    assert (res.kind, res.symbol, res.body, res.body_bare) == (
        "draft_resolution", "A/80/L.8", "The General Assembly", True)
    assert res.preambular == ()
    [op] = res.operative
    assert (op.number, op.opener) == (None, "Adopts")
    assert op.text.endswith("annexed to the present resolution.")
    assert res.closing[0] == "Annex"
    canonical = render_text(res)
    assert "\nThe General Assembly\n" in canonical
    again = parse_text(canonical)
    assert again == res and again.body_bare
    assert Resolution.from_dict(json.loads(json.dumps(res.to_dict()))).body_bare
    # A body line without its comma before anything but a decision's verb is no body.
    with pytest.raises(ParseError):
        parse_text("The General Assembly\n\nRecalling its resolution 1,\n")


def test_footnotes_printed_without_their_rule_and_a_masthead_without_the_symbol():
    """An extraction that lost the footnote rules: "1 Official Records ..." set apart, its
    number the next footnote's and cited before ("July 1979,1", "(Treaty of Tlatelolco)1",
    "Assembly, 1"), is a footnote, wrapped lines and all; the running title after it is
    furniture; the masthead lost the symbol, which "Resolution adopted by the General
    Assembly" and "80/13." give."""
    res = parse_text(real_text("A_RES_80_13.txt"))
    assert (res.kind, res.symbol) == ("resolution", "A/RES/80/13")
    assert [p.opener for p in res.preambular] == [
        "Recalling", "Recalling also", "Recalling further", "Emphasizing", "Noting",
        "Convinced", "Considering", "Having considered"]
    assert [p.number for p in res.operative] == ["1", "2", "3", "4", "5"]
    note = res.preambular[1].footnotes[0]
    assert (note.mark, note.text[:24]) == ("1", "Official Records of the ")
    assert note.text.endswith("(A/34/45 and A/34/45/Corr.1).")
    assert [f.mark for f in res.preambular[7].footnotes] == ["3"]
    assert res.closing == ("52nd plenary meeting 1 December 2025",)
    res = parse_text(real_text("A_RES_80_15.txt"))
    assert len(res.preambular) == 15 and len(res.operative) == 6
    notes = [f for p in res.paragraphs() for f in p.footnotes] + list(res.footnotes)
    assert sorted(int(f.mark) for f in notes) == list(range(1, 11))
    assert next(f for f in notes if f.mark == "3").text.endswith("E.86.IX.7), appendix VII.")
    assert res.closing == ("52nd plenary meeting 1 December 2025",)


@pytest.mark.parametrize("text, pre, heading", [
    # a short line set apart before operative paragraph 1: the heading of its section
    ("The General Assembly,\n\nRecalling its resolution 1,\n\nPeacebuilding Commission\n\n"
     "1. Decides to act.\n", 1, ("Peacebuilding Commission",)),
    # a paragraph that lost its comma: a preambular paragraph still
    ("The General Assembly,\n\nRecalling its resolution 1,\n\nNoting the report\n\n"
     "1. Decides to act.\n", 2, ()),
    # a footnote-like line whose number nothing cites: a paragraph
    ("The General Assembly,\n\nRecalling its resolution 1,\n\n1 Noting the report,\n\n"
     "1. Decides to act.\n", 2, ()),
])
def test_a_heading_before_the_first_operative_paragraph(text, pre, heading):
    res = parse_text(text)
    assert len(res.preambular) == pre
    assert res.operative[0].heading == heading
    assert parse_text(render_text(res)) == res


def test_the_symbol_of_an_adopted_resolution_from_its_number():
    res = parse_text("Resolution adopted by the Human Rights Council on 4 April 2024\n\n"
                     "55/1. Title\n\nThe Human Rights Council,\n\nRecalling x,\n\n1. Decides y.\n")
    assert (res.kind, res.symbol) == ("resolution", "A/HRC/RES/55/1")
    # A draft's placeholder number gives none.
    res = parse_text("Draft resolution\n\n55/... Title\n\nThe Human Rights Council,\n\n"
                     "Recalling x,\n\n1. Decides y.\n")
    assert (res.kind, res.symbol) == ("draft_resolution", None)


def test_a_label_alone_on_its_line_in_the_preamble_takes_the_next_line():
    """"(a)" alone on its line after a paragraph ending with a colon, its text on the next
    line (a PDF extraction): the lettered paragraph's text, not an empty one and a new
    paragraph. Lettered paragraphs that open with a decision's verb are the decision's
    operative paragraphs (A/80/L.1); a lettered list of other words stays the preambular
    paragraph's."""
    res = parse_text("The General Assembly,\n\nRecalling its resolution 1, to resume the "
                     "Conference:\n\n(a)\nExpresses its gratitude to the Co-Chairs;\n\n(b)\n"
                     "Endorses the Declaration.\n")
    [pp] = res.preambular
    assert pp.subparagraphs == ()
    assert [(p.id, p.number, p.marker, p.text) for p in res.operative] == [
        ("OP1", None, "(a)", "Expresses its gratitude to the Co-Chairs;"),
        ("OP2", None, "(b)", "Endorses the Declaration.")]
    assert parse_text(render_text(res)) == res
    res = parse_text("The General Assembly,\n\nRecalling its resolutions:\n\n(a)\n70/1 of "
                     "25 September 2015;\n\n(b)\n79/1 of 22 September 2024;\n\n"
                     "1. Decides to act.\n")
    assert [(s.label, s.text) for s in res.preambular[0].subparagraphs] == [
        ("a", "70/1 of 25 September 2015;"), ("b", "79/1 of 22 September 2024;")]


def test_a_wrapped_running_title_and_a_line_that_begins_with_a_name():
    """The running title wrapped over two lines, before the page's symbol (odd pages, after
    the footnotes) or after it (even pages), is furniture: not a paragraph, not a footnote's
    text. "United States of America, from ..." after a comma goes on with the paragraph: a
    past participle before a capital begins a name, not a paragraph."""
    text = real_text("A_RES_80_8.txt")
    res = parse_text(text)
    assert (res.symbol, len(res.preambular), len(res.operative)) == ("A/RES/80/8", 32, 9)
    title = "Building a peaceful and better world through sport and the Olympic ideal"
    every = [p.text for top in res.paragraphs() for p in top.walk()] + [
        f.text for top in res.paragraphs() for f in top.footnotes] + [f.text for f in res.footnotes]
    assert not any(t.endswith(title) or t.startswith(title) for t in every)
    noting = next(p for p in res.preambular if p.text.startswith("Noting the successful"))
    assert "Los Angeles, United States of America, from 14 to 30 July" in noting.text
    assert noting.text.endswith("from 10 to 19 March 2034, respectively,")


@pytest.mark.parametrize("text, opener", [
    ("United States of America, from 14 July", False),
    ("Occupied Palestinian Territory, including", False),
    ("Estados Unidos de América,", False),
    ("Convinced that", True), ("Alarmed by", True), ("Recalling General Assembly", True),
    ("Preocupado por", True), ("Préoccupé par", True),
])
def test_a_past_participle_before_a_capital_begins_a_name(text, opener):
    from drafting.preprocess import looks_like_opener

    assert looks_like_opener(text) is opener


def test_a_decision_whose_body_runs_on_into_a_clause():
    """"The General Assembly, taking note of ..., 2025,1 decides to appoint ...": the body,
    the clause as a preambular paragraph, the decision from its verb as the operative one;
    the canonical text prints the body with its comma at the head of the clause again."""
    res = parse_text(real_text("A_C.4_80_L.10.txt"))
    assert (res.kind, res.body, res.body_runs_on) == ("draft_decision", "The General Assembly",
                                                      True)
    [pp] = res.preambular
    [op] = res.operative
    assert pp.text.startswith("taking note of the application of Côte d’Ivoire")
    assert pp.text.endswith("held in Vienna from 25 June to 2 July 2025,1")
    assert [f.mark for f in pp.footnotes] == ["1"]
    assert (op.number, op.text) == (None, "decides to appoint Côte d’Ivoire as a member of "
                                          "the Committee on the Peaceful Uses of Outer Space.")
    canonical = render_text(res)
    assert "\nThe General Assembly, taking note of the application" in canonical
    assert parse_text(canonical) == res
    # A clause that ends with a colon before lettered decisions: they are the operative
    # paragraphs, their letters kept.
    res = parse_text(real_text("A_C.2_80_L.61.txt"))
    [pp] = res.preambular
    assert pp.text.startswith("recalling its resolution 79/327") and pp.text.endswith(":")
    assert pp.subparagraphs == ()
    assert [(p.marker, p.opener) for p in res.operative] == [("(a)", "Decides"),
                                                             ("(b)", "Also decides")]
    assert parse_text(render_text(res)) == res
    assert Resolution.from_dict(json.loads(json.dumps(res.to_dict()))) == res


def test_two_front_notes_after_the_last_paragraph_and_a_title_wrapped_before_resolution():
    res = parse_text(real_text("A_80_L.42.txt"))
    assert [f.mark for f in res.footnotes] == ["*", "**"]
    assert res.footnotes[1].text.endswith("agenda item 18 directly in plenary meeting.")
    assert [p.opener for p in res.operative] == ["Decides"]
    assert res.operative[0].subparagraphs[-1].text.endswith("to host the Conference in Dushanbe.")
    res = parse_text(real_text("A_C.5_80_L.3.txt"))
    assert (res.kind, res.title) == ("draft_resolution", "Financial arrangements and procedures "
                                     "for the implementation of resolution 2719 (2023)")


def test_markdown_footnotes_and_a_wrap_after_a_comma_in_a_spaced_text():
    text = (Path(__file__).parent / "fixtures" / "layouts" / "ga-res-markdown-notes.txt"
            ).read_text(encoding="utf-8")
    res = parse_text(text)
    assert res.symbol == "A/RES/80/62"
    assert [p.opener for p in res.preambular] == ["Recalling", "Taking note",
                                                   "Welcoming further"]
    assert "Production, Stockpiling and Use of Chemical Weapons" in res.preambular[1].text
    assert "and the implementation of the Global Framework" in res.preambular[1].text
    assert [f.mark for f in res.preambular[1].footnotes] == ["1", "2", "3", "4"]
    assert res.preambular[1].footnotes[0].text == "A/80/129."
    assert [p.number for p in res.operative] == ["1", "5", "6"]
    assert "organizations and foundations, to make" in res.operative[1].text
    assert res.closing == ("52nd plenary meeting 1 December 2025",)
    assert parse_text(render_text(res)) == res


def test_an_oas_adoption_label_without_brackets_and_its_wrapped_line():
    res = parse_text("PARTICIPACIÓN DE HONDURAS\n\nAprobada en la sesión plenaria celebrada el 1 de "
                     "junio de 2011\ny sujeta a revisión de la Comisión de Estilo\n\n"
                     "La Asamblea General,\n\nRecordando el artículo 22,\n\nResuelve:\n\n"
                     "1. Levantar la suspensión.\n")
    assert (res.kind, res.title) == ("resolution", "PARTICIPACIÓN DE HONDURAS")
    assert [p.number for p in res.operative] == ["1"]


def test_a_compound_wrapped_at_its_hyphen_is_one_word_again():
    """"eighty-" / "first": the hyphen is the compound's own (United Nations PDFs do not
    hyphenate words), so the line goes on without a space, in paragraphs and titles; a
    dash set apart ("2018 -" / "2028") keeps its space."""
    res = parse_text("Draft programme of work for the eighty-\nfirst session\n\nThe General "
                     "Assembly,\n\nRecalling the short-\nterm and long-term activities, "
                     "2018 -\n2028,\n\n1. Decides to act.\n")
    assert res.title == "Draft programme of work for the eighty-first session"
    assert res.preambular[0].text == ("Recalling the short-term and long-term activities, "
                                      "2018 - 2028,")


def test_markdown_negotiating_text_quirks():
    """"53 *Recalls* ..." (a number without its full stop before an emphasised verb) is
    operative paragraph 53; "(g)[Enhance ...]" is sub-paragraph (g) of a bracketed text."""
    res = parse_text("*The Conference of the Parties,*\n\n*Recalling* decision 1/CP.17,\n\n"
                     "52. *Decides* to act:\n\n(f) to plan;\n\n(g)[Enhance regional "
                     "cooperation.]\n\n53 *Recalls* decisions 2/CP.19 and 2/CP.20;\n")
    assert [p.number for p in res.operative] == ["52", "53"]
    assert [s.label for s in res.operative[0].subparagraphs] == ["f", "g"]
    assert res.operative[0].subparagraphs[1].text == "[Enhance regional cooperation.]"
    assert res.operative[1].text == "*Recalls* decisions 2/CP.19 and 2/CP.20;"


@pytest.mark.parametrize("text, pre, heading", [
    # a heading between preambular paragraphs (A/C.2/80/L.15)
    ("The General Assembly,\n\nRecalling its resolution 1,\n\nCountries in special situations"
     "\n\nUnderlining that developing countries need energy,\n\n1. Decides to act.\n",
     ["Recalling its resolution 1,", "Underlining that developing countries need energy,"],
     ("Countries in special situations",)),
    # a paragraph broken by a blank line after "and" (an extraction's break): one paragraph
    ("The General Assembly,\n\nRecalling the Convention on the Development, Production and\n\n"
     "Stockpiling of Bacteriological Weapons,\n\n1. Decides to act.\n",
     ["Recalling the Convention on the Development, Production and Stockpiling of "
      "Bacteriological Weapons,"], ()),
])
def test_a_heading_between_preambular_paragraphs_and_a_break_after_and(text, pre, heading):
    res = parse_text(text)
    assert [p.text for p in res.preambular] == pre
    assert res.preambular[-1].heading == heading
    assert parse_text(render_text(res)) == res


def test_review_findings_on_the_new_layout_rules():
    """The date under "52nd plenary meeting" is the closing, not footnote 1; a sponsors'
    note at a page's foot, its rule lost, is a footnote and the paragraph goes on after it;
    "The General Assembly approves, ..." on one line is a run-on decision; "the Third
    Committee ..., in preparing" in small letters is no body line."""
    res = parse_text("Resolution adopted by the General Assembly on 1 December 2025\n\n80/20. "
                     "Title\n\nThe General Assembly,\n\nRecalling the Treaty,1\n\n1. Decides to "
                     "act.\n\n52nd plenary meeting\n1 December 2025\n\n__________\n\n"
                     "1 United Nations, Treaty Series, vol. 610, No. 8843.\n")
    assert res.closing == ("52nd plenary meeting", "1 December 2025")
    assert [f.mark for f in res.preambular[0].footnotes] == ["1"]
    res = parse_text("A/80/L.99\n\nChile:* draft resolution\n\nTitle\n\nThe General Assembly,\n\n"
                     "Recalling the events of 26 April, and\n\n\n* Any changes to the list of "
                     "sponsors will be reflected in the official record of the meeting.\n\n"
                     "A/80/L.99\n2/3\n\nstressing its significance,\n\nNoting the report,\n\n"
                     "1. Decides to act.\n")
    assert [p.text for p in res.preambular] == [
        "Recalling the events of 26 April, and stressing its significance,",
        "Noting the report,"]
    assert [f.mark for f in res.footnotes] == ["*"]
    res = parse_text("Draft decision\n\nProgramme of work\n\nThe General Assembly approves, "
                     "subject to any subsequent decision, the programme. The Assembly further "
                     "invites the Bureau at the eighty-first session, to take it into account.\n")
    assert (res.body, res.body_runs_on) == ("The General Assembly", True)
    assert res.operative[0].text.startswith("approves, subject to")
    assert parse_text(render_text(res)) == res


def test_a_bare_body_takes_its_comma_once_paragraphs_are_numbered():
    from drafting.amend import apply_operations
    from drafting.instructions import parse_instructions

    res = parse_text(real_text("A_80_L.8.txt"))
    new = apply_operations(res, parse_instructions(
        'After operative paragraph 1, insert a new operative paragraph, reading: "Decides to '
        'review the Declaration."'))
    canonical = render_text(new)
    assert "\nThe General Assembly,\n" in canonical
    assert [p.id for p in parse_text(canonical).operative] == ["OP1", "OP1bis"]


def test_a_clause_decision_with_a_labelled_preambular_paragraph_reads_back():
    """The canonical text of a revision that inserted PP1bis in "The General Assembly,
    taking note of ..., decides ...": the unlabelled decision after the labels is still the
    operative paragraph."""
    from drafting.amend import apply_operations
    from drafting.instructions import parse_instructions

    res = parse_text(real_text("A_C.4_80_L.10.txt"))
    new = apply_operations(res, parse_instructions(
        'After preambular paragraph 1, insert a new preambular paragraph, reading: "recalling '
        'its resolution 1472 A (XIV) of 12 December 1959,"'))
    again = parse_text(render_text(new))
    assert [p.id for p in again.preambular] == ["PP1", "PP1bis"]
    assert [(p.id, p.number) for p in again.operative] == [("OP1", None)]
    assert again == new


@pytest.mark.parametrize("text, pre", [
    # a preamble set close, the operative part spaced: three paragraphs still
    ("The General Assembly,\n\nRecalling its resolution 78/120,\nNoting the report,\n"
     "Welcoming the efforts of Member States,\n\n1. Decides to act;\n\n2. Requests a report;"
     "\n\n3. Decides to remain seized.\n",
     ["Recalling its resolution 78/120,", "Noting the report,",
      "Welcoming the efforts of Member States,"]),
    # a short paragraph that lost its comma, with a number in it: no heading
    ("The General Assembly,\n\nRecalling its resolution 78/120,\n\nReaffirming Security "
     "Council resolution 1325 (2000)\n\n1. Decides to act.\n",
     ["Recalling its resolution 78/120,", "Reaffirming Security Council resolution 1325 (2000)"]),
    # a suspended hyphen keeps its space; a wrapped compound joins
    ("The General Assembly,\n\nRecalling the small-\nand medium-sized enterprises of the "
     "eighty-\nfirst session,\n\n1. Decides to act.\n",
     ["Recalling the small- and medium-sized enterprises of the eighty-first session,"]),
    # a paragraph's rest that opens with a date after a break is no footnote, and "article 1
    # of" cites none
    ("The General Assembly,\n\nRecalling article 1 of the Convention and its resolution "
     "adopted on\n\n1 December 2024, in which it decided to convene the conference,\n\n"
     "Noting the report,\n\n1. Decides to act.\n",
     ["Recalling article 1 of the Convention and its resolution adopted on 1 December 2024, "
      "in which it decided to convene the conference,", "Noting the report,"]),
])
def test_second_review_of_the_layout_rules(text, pre):
    res = parse_text(text)
    assert [p.text for p in res.preambular] == pre
    assert res.footnotes == () and not any(p.footnotes for p in res.paragraphs())
    assert parse_text(render_text(res)) == res


def test_a_footnote_in_emphasis_is_no_numbered_paragraph():
    res = parse_text("*The Conference of the Parties,*\n\n*Recalling* decision 1/CP.17,\n\n"
                     "1 *Official Records of the General Assembly*, Supplement No. 29.\n\n"
                     "*Noting* the report,\n\n53 *Recalls* decisions 2/CP.19;\n")
    assert [p.number for p in res.operative] == ["53"]


def test_a_title_in_capitals_longer_than_a_line_reads_back():
    """An OAS title in capitals runs past 200 characters when the canonical text prints it
    on one line: it is the title, not report prose above the draft."""
    title = ("CONVOCATORIA DE LA REUNIÓN DE CONSULTA DE MINISTROS DE RELACIONES EXTERIORES PARA "
             "TRATAR SOBRE LA SITUACIÓN ENTRE EL ECUADOR Y EL REINO UNIDO DE GRAN BRETAÑA E "
             "IRLANDA DEL NORTE AL AMPARO DEL DERECHO INTERNACIONAL")
    cut = title.index(" SOBRE ")
    res = parse_text(f"CP/RES. 1005 (1863/12)\n\n{title[:cut]}\n{title[cut + 1:]}\n\n(Aprobada en la "
                     "sesión celebrada el 17 de agosto de 2012)\n\nEL CONSEJO PERMANENTE,\n\n"
                     "CONSIDERANDO la solicitud,\n\nRESUELVE:\n\n1. Convocar la Reunión.\n")
    assert (res.symbol, res.title) == ("CP/RES. 1005 (1863/12)", title)
    assert parse_text(render_text(res)) == res


def test_a_running_title_set_apart_and_a_rule_run_onto_a_line():
    """Extractions that lose the page's furniture but its title ("Conventional arms control
    ..." set apart between paragraphs), and that run the footnote rule onto the page's last
    line ("... and international ---"), its notes under it, the paragraph going on after
    them (A/RES/80/29 and A/RES/80/22 in railcar's layouts)."""
    res = parse_text(
        "80/29. Conventional arms control\n\nThe General Assembly,\n\nRecalling its "
        "resolutions,\n\nConventional arms control\n\nDesirous of promoting agreements,\n\n"
        "1. Encourages events at the national, regional and international ---\n\n"
        "1 United Nations, Treaty Series, vol. 1015.\n\n2 BWC/CONF.IX/9.\n\n"
        "levels, on the role of science;\n\n2. Decides to act.\n")
    assert [p.text for p in res.preambular] == ["Recalling its resolutions,",
                                                "Desirous of promoting agreements,"]
    assert res.operative[0].text == ("Encourages events at the national, regional and "
                                     "international levels, on the role of science;")
    notes = [f.mark for p in res.paragraphs() for f in p.footnotes] + [
        f.mark for f in res.footnotes]
    assert sorted(notes) == ["1", "2"]


def test_a_decision_lettered_throughout():
    """"The General Assembly:" then "(a) Approves ...; (b) Invites ...": the body, and the
    lettered paragraphs as the decision's operative paragraphs, unnumbered, their letters
    kept for the text and Word; a sub-list under one comes up a level."""
    res = parse_text("Draft decision\n\nProgramme of work\n\nThe General Assembly:\n\n"
                     "(a) Approves the draft programme of work;\n\n(b) Invites the Bureau:\n\n"
                     "(i) to take it into account;\n\n(ii) to report.\n")
    assert (res.kind, res.body, res.preambular) == ("draft_decision", "The General Assembly", ())
    assert [(p.id, p.number, p.marker, p.opener) for p in res.operative] == [
        ("OP1", None, "(a)", "Approves"), ("OP2", None, "(b)", "Invites")]
    assert [s.id for s in res.operative[1].subparagraphs] == ["OP2(i)", "OP2(ii)"]
    canonical = render_text(res)
    assert "\nThe General Assembly:\n" in canonical and res.body_colon
    assert "\n(a) Approves the draft programme of work;\n" in canonical
    assert parse_text(canonical) == res
    es = parse_text("Proyecto de decisión\n\nPrograma de trabajo\n\nLa Asamblea General:\n\n"
                    "a) Aprueba el programa de trabajo;\n\nb) Invita a la Mesa.\n")
    assert [(p.id, p.marker, p.opener) for p in es.operative] == [
        ("OP1", "a)", "Aprueba"), ("OP2", "b)", "Invita")]
    assert parse_text(render_text(es)) == es
    assert Resolution.from_dict(json.loads(json.dumps(res.to_dict()))) == res
    # The IAEA's lettered preamble before numbered paragraphs stays a preamble.
    res = parse_text("The General Conference,\n\n(a) Recalling resolution GC(66)/RES/6,\n\n"
                     "(b) Recognizing the role of the Agency,\n\n1. Urges Member States to act.\n")
    assert [p.number for p in res.operative] == ["1"]
    assert res.preambular[0].text.startswith("(a) Recalling")


def test_rule_less_footnotes_cited_apart_or_glued_to_the_next_word():
    """Railcar's Markdown layout prints marks "Treaty 10 that" and "Weapons 6and the"; the
    notes under them are footnotes, while "paragraph 1 of" cites none."""
    res = parse_text("The General Assembly,\n\nRecalling the Arms Trade Treaty 1 that States "
                     "Parties shall act,\n\nNoting the Treaty on Weapons 2and the opinion,\n\n"
                     "1 Ibid., vol. 3013, No. 52373.\n\n2 A/51/218, annex.\n\n"
                     "Recalling paragraph 3 of its resolution,\n\n3 Not a note.\n\n"
                     "1. Decides to act.\n")
    notes = [f.mark for p in res.paragraphs() for f in p.footnotes] + [
        f.mark for f in res.footnotes]
    assert sorted(notes) == ["1", "2"]
    assert res.preambular[-1].text == "3 Not a note."


def test_a_long_title_reads_back_and_a_paragraph_going_on_after_and():
    res = parse_text(real_text("A_C.3_80_L.9.txt"))
    assert len(res.title) > 200
    assert parse_text(render_text(res)) == res
    res = parse_text("The General Assembly,\n\nAcknowledging the withdrawal of all nuclear "
                     "weapons from their territories, and\n\nstrongly supporting the zone,\n\n"
                     "Noting the report,\n\n1. Decides to act.\n")
    assert [p.opener for p in res.preambular] == ["Acknowledging", "Noting"]


def test_a_decision_with_a_list_of_states_is_no_lettered_decision():
    res = parse_text("The General Assembly,\n\nRecalling its resolution 79/1,\n\nDecides that "
                     "the meeting shall be open to:\n\n(a) States Members of the United Nations;"
                     "\n\n(b) Parties to the Convention.\n")
    [op] = res.operative
    assert [s.label for s in op.subparagraphs] == ["a", "b"]


@pytest.mark.parametrize("name", [
    "A_80_L.1.txt", "A_80_L.13.txt", "A_C.1_80_L.44.txt", "A_C.4_80_L.10.txt", "A_80_L.8.txt",
    "A_C.2_80_L.61.txt", "A_C.3_80_L.9.txt", "A_C.5_80_L.3.txt", "A_80_L.27.txt",
])
def test_the_front_matter_without_blank_lines_reads_the_same(name):
    """Extractions that lose the blank lines: the agenda item's title runs into the sponsors'
    names ("Question of Palestine" / "France, ... and State of" / "Palestine:** draft
    decision"), "Draft resolution submitted by the President of the General Assembly" into
    the title, and "(Fourth Committee)" / "Agenda item 48" sit right above the sponsors."""
    text = real_text(name)
    squeezed = without_blank_lines(text)
    want, got = parse_text(text), parse_text(squeezed)
    assert want.title and (want.sponsors or want.sponsor_note)
    assert (got.symbol, got.kind, got.title, got.sponsors, got.sponsor_note, got.body) == \
        (want.symbol, want.kind, want.title, want.sponsors, want.sponsor_note, want.body)


@pytest.mark.parametrize("name", ["A_80_L.3.txt", "A_C.1_80_L.33.txt", "A_80_L.27.txt",
                                  "A_80_L.15.txt", "A_80_L.1.txt", "A_C.1_80_L.44.txt",
                                  "A_RES_80_13.txt", "A_RES_80_15.txt", "A_RES_80_30.md",
                                  "A_C.2_80_L.16.txt", "A_RES_80_37.md", "A_RES_80_18.txt"])
def test_a_draft_without_blank_lines_reads_as_the_original(name):
    """The sponsors' note at the foot of the first page ("* Any changes to the list of
    sponsors ...") right under a paragraph's line, with no blank line to set it apart: the
    front's mark tells it, and the paragraph goes on after the page break. A heading
    ("Peacebuilding Commission") is set apart by the number right under it ("1."). In an
    adopted text printed a paragraph per line: the title from "80/30. Title" (not the
    masthead above it), a footnote without its rule ("1 Resolution S-10/2.") ending at its
    full stop, before a capital or the next paragraph's number ("3. Recalls ..."), "52nd
    plenary meeting 1 December 2025" the closing. A heading between
    operative paragraphs ("Implementation plan" / "7.") is set apart by the number under
    it; the running title alone between two paragraphs is page furniture; notes right
    under a "---" rule are notes."""
    text = real_text(name)
    squeezed = without_blank_lines(text)
    want, got = parse_text(text), parse_text(squeezed)

    def shape(res):
        return [(p.id, p.text, [s.id for s in p.subparagraphs], p.footnotes, p.heading)
                for p in res.paragraphs()]

    assert shape(got) == shape(want)
    assert (got.title, got.closing, got.footnotes) == (want.title, want.closing, want.footnotes)
    assert want.footnotes or any(p.footnotes for p in want.paragraphs())


@pytest.mark.parametrize("label, kind, symbol", [
    ("Decision 1/CP.20", "resolution", "1/CP.20"),
    ("Decision 2/CMA.1", "resolution", "2/CMA.1"),
    ("Resolution 1/CP.21", "resolution", "1/CP.21"),
    ("Draft decision -/CP.21", "draft_decision", None),
    ("Draft resolution -/CMP.11", "draft_resolution", None),
    ("Decision -/CP.21", "draft_decision", None),
    ("Draft decision 3/CP.21", "draft_decision", None),
])
def test_a_treaty_body_decision_label_names_the_decision(label, kind, symbol):
    """UNFCCC decisions print their number above the title ("Decision 1/CP.20" / "Lima
    Call for Climate Action"): the symbol, not part of the title; a draft's is a dash. A
    joint body of two conferences is a body too, however long its name."""
    text = (f"{label}\nLima Call for Climate Action\n\n"
            "The Conference of the Parties and the Conference of the Parties serving as the "
            "meeting of the Parties to the Kyoto Protocol,\n\n"
            "Recalling decision 1/CP.17,\n\n1. Decides to adopt the annex;\n")
    res = parse_text(text)
    assert (res.kind, res.symbol, res.title) == (kind, symbol, "Lima Call for Climate Action")
    assert res.body.startswith("The Conference of the Parties and")
    assert res.body.endswith("Protocol")
    assert [p.id for p in res.paragraphs()] == ["PP1", "OP1"]
    assert parse_text(render_text(res)) == res      # printed and read back the same


def test_a_markdown_draft_wrapped_short_reads_as_the_original():
    """Lines wrapped short, the section heading too: "### I. ADOPTION OF THE [PARIS
    AGREEMENT] [PARIS" / "IMPLEMENTING AGREEMENT ..." goes on while its bracket is open,
    though its next line opens like a paragraph ("Implementing")."""
    import textwrap

    text = corpus_text("unfccc-cop21-draft-decision-6nov2015-bis-ter-excerpt.txt")
    wrapped = "\n".join(
        "\n".join(textwrap.wrap(line, 55, break_long_words=False, break_on_hyphens=False))
        for line in text.splitlines()) + "\n"
    assert len(wrapped.splitlines()) > len(text.splitlines()) + 50
    want, got = parse_text(text), parse_text(wrapped)
    assert [(p.id, p.text, p.heading) for p in got.paragraphs()] == \
        [(p.id, p.text, p.heading) for p in want.paragraphs()]


def test_report_prose_wrapped_after_a_comma_is_no_body_line():
    """An OAS committee report wraps "The CAM was installed at the meeting of CIDI of July
    24," / "2012, and ...": prose with its verb, not the organ that adopts the draft
    annexed further down."""
    import textwrap

    text = corpus_text("oas-cam-report-2013.txt")
    wrapped = "\n".join(
        "\n".join(textwrap.wrap(line, 60, break_long_words=False, break_on_hyphens=False))
        for line in text.splitlines()) + "\n"
    assert "\nThe CAM was installed at the meeting of CIDI of July 24,\n" in wrapped
    res = parse_text(wrapped)
    assert (res.body, res.title) == ("THE GENERAL ASSEMBLY",
                                     "STRENGTHENING THE TOPIC OF MIGRATION IN THE OAS")


def test_a_treaty_body_decision_with_tabbed_section_headings_and_no_blank_lines():
    """UNFCCC decision 23/CP.21 as a .docx conversion gives it: CRLF, tabs, no blank lines;
    "I.<TAB>Dates and venues of future sessions" and "A.<TAB>Twenty-second session ..."
    right above "1.<TAB>Decides ...": the headings of operative paragraph 1, which is no
    longer swallowed by the preamble."""
    res = parse_text(real_text("unfccc-23-cp21.txt"))
    assert (res.kind, res.symbol, res.title) == ("resolution", "23/CP.21",
                                                 "Dates and venues of future sessions")
    assert [p.number for p in res.operative] == [str(n) for n in range(1, 11)]
    assert len(res.preambular) == 3
    op1 = res.find("OP1")
    assert [h.split("\t")[0] for h in op1.heading] == ["I.", "A."]
    assert op1.text.startswith("Decides to accept with appreciation the offer")
    assert res.find("OP9").heading[0].startswith("II.\tCalendar of meetings")
    assert res.closing == ("10th plenary meeting", "10 December 2015")
    joint = parse_text(real_text("unfccc-res1-cp21.txt"))
    assert joint.body.endswith("serving as the meeting of the Parties to the Kyoto Protocol")
    assert [p.number for p in joint.operative] == ["1", "2"]


@pytest.mark.parametrize("name", ["A_80_L.3.txt", "A_80_L.27.txt", "A_80_L.13.txt",
                                  "A_C.2_80_L.2.txt", "A_C.2_80_L.10.txt", "A_C.6_80_L.10.txt"])
def test_a_draft_run_together_from_its_body_on_reads_as_the_original(name):
    """A degraded extraction that runs the whole body into one line, its page breaks too:
    "... disaster, * Any changes to the list of sponsors will be reflected in the official
    record of the meeting. A/80/L.3 25-14866 2/2 Welcoming also ...": the sponsors' note
    and the foot and head of the page are cut out, and the paragraph after them starts;
    "... of the Commission; 4 3. Calls upon ...": the footnote mark printed apart stays
    with its paragraph, and paragraph 3 starts after it; "..., Gravely concerned that"
    opens a paragraph; "* On behalf of ..." at the end is the sponsors' note; "...; I
    Legislative activities 2. Commends ..." and "...; 35 X Role of the Commission ... 25."
    put a section's heading between two paragraphs; "...; 3 (c) In the area ..." opens
    the next item after a note's mark."""
    text = real_text(name)
    flat = _flattened(text, "The General Assembly,")
    assert len(flat.splitlines()) < 60 and len(flat.splitlines()[-1]) > 1500
    want, got = parse_text(text), parse_text(flat)

    def shape(res):     # a word broken at a line's end ("short-" / "term") joins in `want`
        return [(p.id, re.sub(r"(?<=\w-) (?=\w)", "", p.text), [s.id for s in p.subparagraphs])
                for p in res.paragraphs()]

    assert shape(got) == shape(want)
    assert got.footnotes == want.footnotes


def test_numbers_printed_twice_and_the_reprints_running_head():
    """An OAS resolution reprinted in a United Nations document, through pdftotext: "1.
    1.    Levantar ..." (the text starts after the second number), and "A/65/908" alone
    on the page's first line after the form feed (the reprint's running head, not text
    of paragraph 3)."""
    res = parse_text(real_text("oas-agres1-xli-e-11.txt"))
    assert [p.number for p in res.operative] == ["1", "2", "3", "4"]
    assert [p.text.split()[0] for p in res.operative] == ["Levantar,", "Instruir", "Instruir",
                                                         "Acoger"]
    assert "A/65/908" not in res.find("OP3").text
    assert res.find("OP3").text.endswith("de la Organización de las Naciones Unidas.")
    assert parse_text(render_text(res)).operative == res.operative


def test_a_title_that_opens_with_annex_is_no_annex_heading():
    """"ANEXO — RESOLUÇÃO APROVADA: ... — SITUACIÓN ACTUAL EN HONDURAS" (a transcription's
    heading) is the title, printed back and read again as the title; "ANNEX I" alone, or
    "Anexo: proyecto de resolución", opens the annexed draft below a report."""
    text = ("Resolution\n\nANEXO — RESOLUÇÃO APROVADA: CP/RES. 953 (1700/09) — SITUACIÓN "
            "ACTUAL EN HONDURAS\n\nEL CONSEJO PERMANENTE,\n\nCONSIDERANDO la grave "
            "situación;\n\nRESUELVE:\n\n1. Condenar el golpe de Estado.\n")
    res = parse_text(text)
    assert res.title.startswith("ANEXO — RESOLUÇÃO APROVADA") and res.kind == "resolution"
    report = ("The Committee met twelve times in 2013 and considered the reports before it, "
              "as the annexed table shows in detail for each of its meetings and decisions, "
              "with the results of each vote taken.\n\nAnexo: proyecto de resolución\n\n"
              "SITUACIÓN EN HONDURAS\n\n" + text.split("\n\n", 2)[2])
    assert parse_text(report).title == "SITUACIÓN EN HONDURAS"


@pytest.mark.parametrize("name", [
    "oas-cp-res-953-1700-09-honduras-es.txt",
    "un-ga-80-L2-draft-palestine-participation-original.txt",
    "un-ga-c3-80-L24-draft-report-hrc.txt",
])
def test_a_text_run_together_whole_reads_as_the_original(name):
    """The masthead run together too: "... Agenda item 66 Report of the Human Rights Council
    Mauritania:* draft resolution Report of ..." (the sponsors begin with the State's name),
    "CP/RES. 953 (1700/09) — SITUACIÓN ACTUAL EN HONDURAS (Aprobada en sesión ...)" (the
    symbol with its title, then the adoption label)."""
    text = corpus_text(name)
    flat = " ".join(text.split()) + "\n"
    want, got = parse_text(text), parse_text(flat)
    assert (got.kind, got.symbol, got.title, got.sponsors, got.body) == \
        (want.kind, want.symbol, want.title, want.sponsors, want.body)
    assert [(p.id, p.text) for p in got.paragraphs()] == [(p.id, p.text) for p in want.paragraphs()]


def test_a_paragraph_that_plainly_opens_right_after_a_comma_in_a_spaced_text():
    """A text that sets its paragraphs apart with blank lines, but for one: "... global
    partnership and solidarity," / "Welcoming the convening of ...". An -ing opener and
    the start of its object ("Welcoming the") open a paragraph there; "Stockpiling and Use
    of Chemical Weapons" after "Production," goes on."""
    res = parse_text(real_text("A_C.2_80_L.12.txt"))
    texts = [p.text for p in res.preambular]
    k = next(i for i, t in enumerate(texts)
             if t.startswith("Reaffirming also its resolution 69/313"))
    assert texts[k].endswith("in the spirit of global partnership and solidarity,")
    assert texts[k + 1].startswith("Welcoming the convening of the Fourth International")
    spaced = ("The General Assembly,\n\nRecalling the Convention on the Prohibition of the "
              "Development, Production,\nStockpiling and Use of Chemical Weapons and on "
              "Their Destruction,\n\nNoting its resolution 79/1,\n\nRecalling its resolution "
              "78/1,\n\nWelcoming the report,\n\n1. Decides to act.\n")
    assert [p.text[:20] for p in parse_text(spaced).preambular] == [
        "Recalling the Conven", "Noting its resolutio", "Recalling its resolu",
        "Welcoming the report"]


def test_a_quotation_set_apart_under_its_paragraph_stays_in_it():
    """S/RES/2699 (2023), paragraph 14: "Décide de remplacer le paragraphe 11 ... par ce
    qui suit :" / "« Décide que tous les États Membres doivent ..." / "a. ..." / "b. ...".
    The quotation is the paragraph's own text, in its place, not the heading of paragraph
    15 (which put it after the items it introduces)."""
    res = parse_text(real_text("S_RES_2699_2023-fr.txt"))
    assert [p.number for p in res.operative] == [str(n) for n in range(1, 24)]
    op14 = res.find("OP14").text
    assert op14.index("par ce qui suit : « Décide que tous les États Membres") < op14.index(
        "a. À la fourniture")
    assert not res.find("OP15").heading


@pytest.mark.parametrize("name, pid, goes_on", [
    ("A_C.2_80_L.9.txt", "OP7", "Report 2024: Financing for Development at a Crossroads,9 calls"),
    ("A_RES_80_34.md", "OP11", "Recalls: The reports of the fact-finding mission"),
    ("A_RES_80_34.md", "OP12", "the adoption of: Decision C-SS-4/DEC.3 of the Fourth Special"),
])
def test_what_a_paragraph_introduced_with_a_colon_stays_in_it(name, pid, goes_on):
    """A paragraph that ends on a colon goes on below, though the lines are set apart: the
    rest of a title across a page ("... Report 2024:" / "Financing for Development at a
    Crossroads,9 calls upon ..."), items printed without their letters ("Recalls:" /
    "The reports of ...;" / "The report of ...;"). Before, they became the heading of
    the next paragraph, after text they precede."""
    res = parse_text(real_text(name))
    paragraph = res.find(pid)
    assert goes_on in paragraph.full_text()
    nxt = res.operative[res.operative.index(paragraph) + 1]
    assert not nxt.heading


def test_the_oas_series_line_is_page_furniture():
    """An OAS Permanent Council masthead: "OEA/Ser.G" / "CP/RES. 952 (1699/09)" / "26 junio
    2009" / "Original: español"; without blank lines the series line would run into the
    title."""
    text = ("OEA/Ser.G\nCP/RES. 952 (1699/09)\n26 junio 2009\nOriginal: español\n"
            "SITUACIÓN EN HONDURAS\n(Aprobada en sesión celebrada el 26 de junio de 2009)\n"
            "EL CONSEJO PERMANENTE DE LA ORGANIZACIÓN DE LOS ESTADOS AMERICANOS,\n"
            "CONSIDERANDO la situación;\nRESUELVE:\n1. Condenar el golpe.\n")
    res = parse_text(text)
    assert (res.symbol, res.title, res.kind) == ("CP/RES. 952 (1699/09)", "SITUACIÓN EN HONDURAS",
                                                 "resolution")


def test_a_page_foot_with_its_page_number_before_the_job_number():
    """"2<spaces>11-42453" at a page's foot (the page number, then the job number) is page
    furniture, blank lines or not; before, without blank lines, it and the next page's
    head ran paragraph 4 into paragraph 3."""
    text = real_text("oas-agres1-xli-e-11.txt")
    squeezed = "\n".join(line for line in text.split("\n") if line.strip()) + "\n"
    assert "\f" in squeezed
    assert [p.text for p in parse_text(squeezed).operative] == \
        [p.text for p in parse_text(text).operative]
    assert [p.number for p in parse_text(squeezed).operative] == ["1", "2", "3", "4"]


def test_a_note_without_its_rule_ends_at_the_next_item_or_paragraph():
    """Without blank lines, a page's note between two items ends at the next item's letter
    or paragraph's number, whatever it ends with; a line that ends "..., and" goes on over
    the page, so a number after it is no note."""
    text = ("The General Assembly,\nRecalling its resolution 79/1,\n1. Decides:\n"
            "(a) To consider the report of the Secretary-General;1\n1 See A/80/100; and\n"
            "(b) To request a further report;\n2. Requests the Secretary-General to report, and\n"
            "14 Member States to act.\n")
    res = parse_text(text)
    assert [s.id for s in res.find("OP1").subparagraphs] == ["OP1(a)", "OP1(b)"]
    assert [f.text for f in res.find("OP1").footnotes] == ["See A/80/100; and"]
    assert res.find("OP2").text.endswith("to report, and 14 Member States to act.")


def test_a_heading_after_a_paragraph_with_a_colon_inside_stays_a_heading():
    """Only a paragraph that ends with its colon, or a list it opened, keeps the lines set
    apart below it; a colon inside the text ("“Agenda: the way forward”;", "containing the
    following: a review ...;") does not swallow the next heading."""
    for first in ("1. Welcomes the report entitled “Agenda: the way forward”;",
                  "1. Requests a report containing the following: a review of progress;"):
        res = parse_text("The General Assembly,\n\nRecalling its resolution 79/1,\n\n"
                         f"{first}\n\nImplementation\n\n2. Requests the Secretary-General "
                         "to report.\n")
        assert res.find("OP1").text == first[3:]
        assert res.find("OP2").heading == ("Implementation",)


def test_a_footnote_run_into_the_text_after_its_mark_is_no_paragraph():
    """Run together on one line: "... Ammunition Management, 1 A/78/111, annex. Recognizing
    ...": what follows the mark printed apart is the note ("A/78/111, annex."), not a
    paragraph that opens with a capital A."""
    text = ("The General Assembly, Recalling the Global Framework for Through-life "
            "Conventional Ammunition Management, 1 A/78/111, annex. Recognizing the urgent "
            "necessity for assistance, 1. Calls upon all States to implement the Global "
            "Framework; 2. Decides to remain seized of the matter.\n")
    res = parse_text(text)
    assert [p.id for p in res.paragraphs()] == ["PP1", "PP2", "OP1", "OP2"]
    assert res.find("PP2").text == "Recognizing the urgent necessity for assistance,"


@pytest.mark.parametrize("wrapped", ["Mr. John\nA. Smith;3",
                                     "in section\nB. of annex I to decision 2/CP.17;3"])
def test_a_wrapped_line_that_opens_with_an_initial_is_no_section_heading(wrapped):
    """Without blank lines, "A. Smith;3" right above "2." is the end of paragraph 1 (a name
    broken after its first name, its footnote mark), not the heading of paragraph 2: a
    part's heading does not end as a paragraph ends, and opens with a capital."""
    res = parse_text("The General Assembly,\nRecalling its resolution 79/1,\n"
                     f"1. Welcomes the appointment, {wrapped}\n2. Requests a report.\n")
    assert res.find("OP1").text.endswith(wrapped.split("\n")[1])
    assert res.find("OP2").heading == ()


def test_an_agenda_title_longer_than_a_report_line_keeps_the_symbol():
    """Run together on one line, the agenda item's long title stands as a piece of its own
    (over 200 characters, with digits): it is no report prose above an annexed draft, so
    the masthead above it, and its symbol, are still read."""
    title = ("Permanent sovereignty of the Palestinian people in the Occupied Palestinian "
             "Territory, including East Jerusalem, and of the Arab population in the occupied "
             "Syrian Golan over their natural resources")
    text = (f"United Nations A/C.2/80/L.34 General Assembly Distr.: Limited 5 November 2025 "
            f"Original: English Eightieth session Second Committee Agenda item 60 {title} "
            f"Iraq:* draft resolution {title} The General Assembly, Recalling its resolution "
            "79/1, 1. Decides to act; 2. Requests a report.\n")
    res = parse_text(text)
    assert (res.symbol, res.title, res.sponsors) == ("A/C.2/80/L.34", title, ("Iraq",))


def test_a_lettered_decision_then_the_titled_list_it_approves():
    """A/C.2/80/L.60: a decision lettered throughout ("(a) Approves the draft programme of
    work ... as set out below;", "(b) Invites ...") and then the programme, "Draft
    programme of work1" over items numbered 1 to 13: the letters are the decision, the
    titled list is annexed to it (kept verbatim after it), not its operative part."""
    res = parse_text(real_text("A_C.2_80_L.60.txt"))
    assert [(p.marker, p.text.split()[0]) for p in res.operative] == [("(a)", "Approves"),
                                                                      ("(b)", "Invites")]
    assert res.preambular == ()
    assert res.closing[0] == "Draft programme of work1"
    assert "13. Programme planning." in res.closing
    assert parse_text(render_text(res)) == res


@pytest.mark.parametrize("body, first", [
    ("The General Assembly,", "(a) Recalling its resolution 79/1,\n\n(b) Noting the report "
     "of the Secretary-General."),
    ("The Economic and Social Council,", "(a) Takes note of the report of the Committee;"
     "\n\n(b) Decides to consider the matter further."),
])
def test_a_heading_above_the_operative_part_is_no_annexed_list(body, first):
    """Only a titled list of items that are no paragraphs ("Draft programme of work" / "1.
    Information and ...") is annexed after a lettered decision; "Implementation" / "1.
    Decides to convene ..." is the heading of the operative part, which stays."""
    res = parse_text(f"{body}\n\n{first}\n\nImplementation\n\n1. Decides to convene a "
                     "meeting in 2026;\n\n2. Requests the Secretary-General to report.\n")
    assert [p.number for p in res.operative][-2:] == ["1", "2"]
    assert res.find("OP1").heading == ("Implementation",)
    assert res.closing == ()


def test_an_annexed_list_titled_as_the_document_keeps_its_title():
    """The list a lettered decision approves may bear the document's own title ("Programme
    of work"); without blank lines it is still the list's title, not a running title to
    drop."""
    text = ("Draft decision submitted by the Bureau\nProgramme of work\nThe General Assembly:\n"
            "(a) Approves the programme of work of the Second Committee as set out below;\n"
            "(b) Invites the Bureau to take it into account.\nProgramme of work\n"
            "1. Information and communications technologies for sustainable development.\n"
            "2. Macroeconomic policy questions.\n")
    res = parse_text(text)
    assert [p.marker for p in res.operative] == ["(a)", "(b)"]
    assert res.closing[0] == "Programme of work"
    assert res.closing[-1] == "2. Macroeconomic policy questions."


def test_a_note_wrapped_before_a_lettered_reference_stays_whole():
    """"1 Resolution 2205 (XXI), sect. II, para. 8, subparagraphs" / "(a) and (b), and para.
    10.": the note goes on; a letter ends a note only before an item ("(b) To request")."""
    text = ("The General Assembly,\nRecalling its resolution 2205 (XXI) of 17 December 1966,1\n"
            "1. Decides to continue the work on the topic, as set out in the report;\n"
            "1 Resolution 2205 (XXI), sect. II, para. 8, subparagraphs\n"
            "(a) and (b), and para. 10.\n2. Requests the Secretary-General to report.\n")
    res = parse_text(text)
    notes = [f.text for p in res.paragraphs() for f in p.footnotes] + [f.text for f in res.footnotes]
    assert notes == ["Resolution 2205 (XXI), sect. II, para. 8, subparagraphs (a) and (b), and "
                     "para. 10."]
    assert res.find("OP1").subparagraphs == ()


def test_run_together_markdown_openers_in_emphasis_open_paragraphs():
    text = ("*The Conference of the Parties,* *Recalling* decision 1/CP.17, *Also recalling* "
            "decisions 2/CP.18 and 1/CP.19, *Welcoming* the outcome of the Summit, 1. *Decides* "
            "to continue the work; 2. *Requests* the secretariat to report.\n")
    res = parse_text(text)
    assert [p.id for p in res.paragraphs()] == ["PP1", "PP2", "PP3", "OP1", "OP2"]
