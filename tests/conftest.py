"""Shared fixtures: the real corpus copied into tests/fixtures (the suite never reads ../shared)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
CORPUS = FIXTURES / "corpus"


def corpus_text(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


def corpus_expected(stem: str) -> dict:
    return json.loads((CORPUS / "expected" / f"{stem}.json").read_text(encoding="utf-8"))


@pytest.fixture
def corpus() -> Path:
    return CORPUS


def real_text(name: str) -> str:
    """A real document beyond the shared corpus (tests/fixtures/real, sources in its README)."""
    return (FIXTURES / "real" / name).read_text(encoding="utf-8")


def without_blank_lines(text: str) -> str:
    """The text as an extraction that lost its blank lines gives it."""
    return "\n".join(line for line in text.splitlines() if line.strip()) + "\n"
