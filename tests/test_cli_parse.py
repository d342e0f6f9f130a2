"""`drafting parse` from the command line: outline, JSON, standard input, bad input."""
from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from conftest import CORPUS
from drafting.cli import COMMANDS, cli

L2 = str(CORPUS / "un-ga-80-L2-draft-palestine-participation-original.txt")


def run(*args, input=None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_outline_one_line_per_paragraph():
    r = run("parse", L2)
    assert r.exit_code == 0
    lines = r.output.splitlines()
    assert lines[0] == "draft_resolution  en  A/80/L.2"
    assert "PP1        [Expressing grave concern] Expressing grave concern regarding situations in which representatives ..." in lines
    assert "  OP1(a)     The State of Palestine may submit a pre-recorded ..." in lines


def test_json_and_stdin_agree():
    a = json.loads(run("parse", L2, "--json").output)
    b = json.loads(run("parse", "-", "--json", input=open(L2, encoding="utf-8").read()).output)
    assert a == b
    assert a["sponsors"] == ["State of Palestine"]
    assert [p["id"] for p in a["operative"][0]["subparagraphs"]] == ["OP1(a)", "OP1(b)", "OP1(c)"]


def test_bad_inputs_give_one_clean_error(tmp_path):
    cases = {
        "empty.txt": b"",
        "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00",
        "latin1.txt": "The General Assembly,\n\nRecalling its résolution,\n".encode("latin-1"),
        "prose.txt": b"Dear colleagues,\nplease see attached.\n",
    }
    expected = {
        "empty.txt": ":1:1: empty file",
        "binary.txt": ":3:1: binary file (a NUL byte)",
        "latin1.txt": ":3:16: not UTF-8 text (byte 0xe9)",
        "prose.txt": ":1:1: not a resolution",
    }
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        r = CliRunner().invoke(cli, ["parse", str(path)])
        assert r.exit_code == 1, name
        first = r.output.splitlines()[0]
        assert first.startswith(f"error: {path}{expected[name]}"), first
        assert "Traceback" not in r.output


def test_missing_file_and_folder(tmp_path):
    r = CliRunner().invoke(cli, ["parse", str(tmp_path / "nope.txt")])
    assert r.exit_code == 1 and r.output == f"error: {tmp_path / 'nope.txt'}: no such file\n"


def test_every_command_is_documented_with_an_example():
    for name in COMMANDS:
        cmd = cli.get_command(None, name)
        assert cmd is not None, name
        assert cmd.help and "Example:" in cmd.help, name
        assert COMMANDS[name][1], name


def test_python_dash_m_runs_the_cli():
    r = subprocess.run([sys.executable, "-m", "drafting", "parse", L2], capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout.startswith("draft_resolution  en  A/80/L.2")
