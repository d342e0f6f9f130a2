"""Russian, Chinese and Arabic texts (the UN's other official languages): the body line
without an article or with a full-width or Arabic comma, paragraph ends in those scripts,
Arabic numbering "1 - " and letters "(أ)", Chinese openers and word diffs by character.

The texts in fixtures/languages are hand-written in the layout of the official versions
(see its README); the corpus has none in these languages.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import without_blank_lines
from drafting.compare import compare
from drafting.docx_read import docx_to_text
from drafting.parse import detect_language, parse_text
from drafting.render.docx import render_docx
from drafting.render.text import render_text

HERE = Path(__file__).parent / "fixtures" / "languages"
LANGUAGES = ["ru", "zh", "ar"]


def text(language: str) -> str:
    return (HERE / f"sc-res-{language}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("language, body, openers, labels", [
    ("ru", "Совет Безопасности",
     ["ссылаясь", "вновь", "будучи", "требует", "призывает", "постановляет"], ["a", "b"]),
    ("zh", "安全理事会", ["回顾", "重申", "严重关切", "要求", "呼吁", "决定"], ["a", "b"]),
    ("ar", "إن مجلس الأمن", ["إذ يشير", "وإذ يعيد", "وإذ يعرب", "يطالب", "يهيب", "يقرر"],
     ["أ", "ب"]),
])
def test_structure(language, body, openers, labels):
    res = parse_text(text(language))
    assert (res.kind, res.language, res.symbol, res.title, res.body) == (
        "resolution", language, "S/RES/2532 (2020)", None, body)
    assert [p.id for p in res.paragraphs()] == ["PP1", "PP2", "PP3", "OP1", "OP2", "OP3"]
    assert [p.opener for p in res.paragraphs()] == openers
    assert [s.label for s in res.find("OP2").subparagraphs] == labels
    # Each paragraph is whole: it ends with its own language's mark.
    assert [p.text[-1] for p in res.preambular] == [{"zh": "，", "ar": "،"}.get(language, ",")] * 3
    assert res.find("OP3").text[-1] in ".。"


@pytest.mark.parametrize("language", LANGUAGES)
def test_round_trips_through_the_canonical_text_and_word(language):
    res = parse_text(text(language))
    assert parse_text(render_text(res)) == res
    assert parse_text(docx_to_text(render_docx(res))) == res


def test_language_by_script():
    assert [detect_language(text(x)) for x in LANGUAGES] == LANGUAGES
    assert detect_language("The General Assembly, Recalling its resolution 2532 (2020),") == "en"


def test_chinese_word_diff_marks_characters_not_clauses():
    old = parse_text(text("zh"))
    new = parse_text(text("zh").replace("全面和立即停止", "全面、立即和持久停止"))
    c = compare(old, new)
    changed = [p for p in c.paragraphs if p.change != "unchanged"]
    assert [p.new_id for p in changed] == ["OP1"]
    assert [part for part in changed[0].diff if part[0] != "="] == [("-", "和"), ("+", "、"),
                                                                      ("+", "和持久")]


def test_a_rewritten_chinese_paragraph_still_pairs_by_similarity():
    old = parse_text(text("zh"))
    # A new PP1 inserted, PP2 (was PP1) reworded: it must pair with the old PP1, not be
    # read as deleted and inserted.
    new = parse_text(text("zh").replace(
        "回顾其根据", "欢迎秘书长呼吁全球停火，\n\n回顾其依据"))
    pairs = [(p.old_id, p.new_id, p.change) for p in compare(old, new).paragraphs[:3]]
    assert pairs == [(None, "PP1", "inserted"), ("PP1", "PP2", "modified"),
                     ("PP2", "PP3", "unchanged")]


@pytest.mark.parametrize("name, body", [("sc-res-ar.txt", "إن مجلس الأمن،"),
                                        ("wha-style.txt", "The Seventy-sixth")])
def test_run_together_arabic_and_who_texts_parse_as_the_originals(name, body):
    text = (HERE / name).read_text(encoding="utf-8")
    head, _, rest = text.partition(body)
    flat = head + " ".join((body + rest).split()) + "\n"

    def shape(res):
        return [(p.id, p.text, [s.text for s in p.subparagraphs]) for p in res.paragraphs()]

    assert shape(parse_text(flat)) == shape(parse_text(text))
    # Without blank lines, line by line, too.
    bare = without_blank_lines(text)
    assert shape(parse_text(bare)) == shape(parse_text(text))
