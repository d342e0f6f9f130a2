"""Crash safety: a process running `amend`, `accept` and `revise` is SIGKILLed at random
moments; each time the draft folder must load whole and consistent, and work goes on."""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from conftest import CORPUS
from drafting import store
from drafting.cli import cli

# The worker runs the chair's cycle over and over through the CLI's own code, in-process
# (one start-up, so that the kills land inside commands, not inside Python's start-up).
WORKER = r"""
import sys
from drafting.cli import cli
folder = sys.argv[1]
def run(*args):
    try:
        cli(list(args), standalone_mode=False)
    except Exception:
        pass   # e.g. "nothing accepted to revise" after an earlier kill
i = 0
while True:
    i += 1
    run("amend", folder, "--by", f"Delegation {i % 5}",
        'In operative paragraph 1, after "Takes note" insert "indeed"')
    ids = sorted(p.stem for p in (__import__("pathlib").Path(folder) / "amendments").glob("A*.json"))
    run("accept", folder, *ids[-1:])
    if i % 3 == 0:
        run("revise", folder)
"""


def check_consistent(folder: Path) -> tuple[int, int]:
    """Everything a reader looks at loads; returns (revisions, amendments)."""
    log = store.revisions(folder)
    for rev in range(len(log)):
        store.load_revision(folder, rev)
    filed = store.list_amendments(folder)
    ids = [f.id for f in filed]
    assert len(ids) == len(set(ids))
    for path in (folder / "amendments").glob("A*.json"):
        json.loads(path.read_text(encoding="utf-8"))       # no half-written amendment
    for f in filed:
        assert f.revision is None or f.revision < len(log)
        if f.revision is not None:
            assert f.amendment.status == "accepted"
    for n in range(len(log)):
        json.loads((folder / f"rev{n}.json").read_text(encoding="utf-8"))
    return len(log), len(ids)


def test_killed_at_random_moments_the_folder_stays_consistent(tmp_path):
    folder = tmp_path / "l24"
    env = dict(os.environ, SOURCE_DATE_EPOCH="1763000000")
    r = CliRunner(env=env).invoke(cli, ["new", str(folder), "--from",
                                        str(CORPUS / "un-ga-c3-80-L24-draft-report-hrc.txt")])
    assert r.exit_code == 0, r.output
    rng = random.Random(2026)
    kills = 0
    seen_revisions = 1
    for _ in range(12):
        proc = subprocess.Popen([sys.executable, "-c", WORKER, str(folder)], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.4, 1.2))        # past start-up, inside the command loop
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        kills += 1
        revs, _ = check_consistent(folder)
        assert revs >= seen_revisions           # nothing committed is ever lost
        seen_revisions = revs
        # The next writer repairs what the killed one left half done, and work goes on.
        r = CliRunner(env=env).invoke(cli, ["amend", str(folder), "--by", "Chile",
                                            'In operative paragraph 1, after "Takes note" insert "also"'])
        assert r.exit_code == 0, r.output
        check_consistent(folder)
    assert kills == 12
    assert seen_revisions > 1                   # the kills did land among real revisions
