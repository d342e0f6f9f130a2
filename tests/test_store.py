"""drafting.store: the drafts/ folder, atomic writes, the lock, recovery from a killed revise."""
from __future__ import annotations

import json
import multiprocessing
import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest

from drafting import store
from drafting.errors import AmendmentError, StoreError
from drafting.model import Operation, Paragraph, Resolution

T0 = datetime(2025, 11, 1, 9, 0, tzinfo=timezone.utc)
T1 = datetime(2025, 11, 14, 10, 30, tzinfo=timezone.utc)
T2 = datetime(2025, 11, 18, 15, 0, tzinfo=timezone.utc)


def small(symbol="A/C.3/80/L.99") -> Resolution:
    """A two-by-two draft written by hand (the parser is tested elsewhere)."""
    return Resolution(
        symbol=symbol, title="Test draft", body="The General Assembly", sponsors=("Mauritania",),
        preambular=(
            Paragraph("PP1", "Recalling its resolution 60/251,", number="1", opener="Recalling",
                      references=("60/251",), line=30),
            Paragraph("PP2", "Noting the report,", number="2", opener="Noting", line=33),
        ),
        operative=(
            Paragraph("OP1", "Takes note of the report;", number="1", opener="Takes note",
                      line=36),
            Paragraph("OP2", "Encourages Member States to streamline requests.", number="2",
                      opener="Encourages", line=38),
        ))


DELETE_OP2 = (Operation("delete_paragraph", target="OP2"),)
DELETE_PP2 = (Operation("delete_paragraph", target="PP2"),)


@pytest.fixture
def draft(tmp_path) -> Path:
    folder = tmp_path / "d"
    store.create(folder, small(), now=T0, by="Mauritania", source="/somewhere/tabled.txt")
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != store.LOCK_FILE}


def test_create_writes_log_text_and_model(draft):
    from drafting.render.text import render_text

    assert sorted(snapshot(draft)) == ["draft.json", "rev0.json", "rev0.txt"]
    assert json.loads((draft / "draft.json").read_text()) == {
        "format": "drafting-draft 1",
        "revisions": [{"revision": 0, "symbol": "A/C.3/80/L.99", "at": "2025-11-01T09:00:00Z",
                       "by": "Mauritania", "source": "tabled.txt", "amendments": []}]}
    raw = (draft / "rev0.json").read_text(encoding="utf-8")
    assert raw.endswith("}\n") and '\n  "body": ' in raw  # indented, keys sorted
    assert '"line"' not in raw  # source line numbers are not stored
    assert (draft / "rev0.txt").read_text(encoding="utf-8") == render_text(small())
    assert store.load_revision(draft) == small()
    assert store.load_revision(draft, 0).operative[1].id == "OP2"


def test_create_refuses_an_existing_draft(draft):
    with pytest.raises(StoreError, match="already a draft"):
        store.create(draft, small(), now=T1)


def test_not_a_draft(tmp_path):
    with pytest.raises(StoreError, match="not a draft"):
        store.load_revision(tmp_path)
    with pytest.raises(StoreError, match="not a draft"):
        store.file_amendment(tmp_path, DELETE_OP2, ["Chile"], now=T1)


def test_file_amendment_writes_one_readable_file(draft):
    filed = store.file_amendment(draft, DELETE_OP2, ["Chile", "Mexico"], now=T1,
                                 text="Delete operative paragraph 2.",
                                 justification="Outside the mandate.", document="A/C.3/80/L.98")
    assert filed.id == "A1"
    assert json.loads((draft / "amendments" / "A1.json").read_text()) == {
        "id": "A1",
        "document": "A/C.3/80/L.98",
        "delegations": ["Chile", "Mexico"],
        "status": "proposed",
        "against": 0,
        "revision": None,
        "justification": "Outside the mandate.",
        "instruction": "Delete operative paragraph 2.",
        "operations": [{"op": "delete_paragraph", "target": "OP2", "anchor": None,
                        "old": None, "new": None, "position": None}],
        "history": [{"action": "filed", "at": "2025-11-14T10:30:00Z", "by": "Chile",
                     "note": "against rev. 0"}],
    }
    assert store.file_amendment(draft, DELETE_PP2, ["Spain"], now=T1).id == "A2"
    assert [f.id for f in store.list_amendments(draft)] == ["A1", "A2"]
    assert store.get_amendment(draft, "A1") == filed


def test_ids_follow_the_highest_and_sort_by_number(draft):
    for _ in range(11):
        store.file_amendment(draft, DELETE_OP2, ["Chile"], now=T1, check=False)
    (draft / "amendments" / "A5.json").unlink()
    assert store.file_amendment(draft, DELETE_OP2, ["Chile"], now=T1, check=False).id == "A12"
    assert [f.id for f in store.list_amendments(draft)] == [
        "A1", "A2", "A3", "A4", "A6", "A7", "A8", "A9", "A10", "A11", "A12"]


def test_an_amendment_that_cannot_apply_is_refused_and_not_filed(draft):
    before = snapshot(draft)
    with pytest.raises(AmendmentError) as e:
        store.file_amendment(draft, (Operation("delete_paragraph", target="OP9"),), ["Chile"],
                             now=T1)
    assert e.value.amendment == "A1" and e.value.target == "OP9"
    assert snapshot(draft) == before


def test_file_amendment_needs_operations_and_a_delegation(draft):
    with pytest.raises(StoreError, match="at least one operation"):
        store.file_amendment(draft, (), ["Chile"], now=T1)
    with pytest.raises(StoreError, match="needs a delegation"):
        store.file_amendment(draft, DELETE_OP2, [" "], now=T1)


def test_status_changes_are_recorded_and_all_or_nothing(draft):
    store.file_amendment(draft, DELETE_OP2, ["Chile"], now=T1)
    store.file_amendment(draft, DELETE_PP2, ["Spain"], now=T1)
    (a1,) = store.set_status(draft, ["A1"], "accepted", now=T2, by="Chair", note="as orally")
    assert a1.amendment.status == "accepted"
    assert a1.amendment.history[-1] == store.Event("accepted", "2025-11-18T15:00:00Z", "Chair",
                                                   "as orally")
    store.set_status(draft, ["A2"], "withdrawn", now=T2)
    assert store.get_amendment(draft, "A2").amendment.history[-1].by == "Spain"
    before = snapshot(draft)
    with pytest.raises(StoreError, match="amendment A2 is withdrawn; it cannot be accepted"):
        store.set_status(draft, ["A1", "A2"], "accepted", now=T2)
    with pytest.raises(StoreError, match="no amendment A7"):
        store.set_status(draft, ["A1", "A7"], "rejected", now=T2)
    assert snapshot(draft) == before
    assert store.set_status(draft, ["A1"], "accepted", now=T2) == ()  # already accepted
    assert snapshot(draft) == before
    store.set_status(draft, ["A1"], "rejected", now=T2)  # the chair changes its mind
    assert store.get_amendment(draft, "A1").amendment.status == "rejected"


def test_revise_applies_accepted_amendments_and_moves_the_symbol(draft):
    store.file_amendment(draft, DELETE_OP2, ["Chile"], now=T1)
    store.file_amendment(draft, DELETE_PP2, ["Spain"], now=T1)
    store.file_amendment(draft, (Operation("delete_paragraph", target="PP1"),), ["Peru"], now=T1)
    store.set_status(draft, ["A3", "A1"], "accepted", now=T2)
    store.set_status(draft, ["A2"], "rejected", now=T2)
    entry, rev1 = store.revise(draft, now=T2, by="Chair")
    assert entry == store.Revision(1, "A/C.3/80/L.99/Rev.1", "2025-11-18T15:00:00Z", "Chair",
                                   ("A1", "A3"))
    assert rev1.symbol == "A/C.3/80/L.99/Rev.1"
    assert [p.id for p in rev1.paragraphs()] == ["PP2", "OP1"]
    assert store.load_revision(draft) == rev1
    assert store.load_revision(draft, 0) == small()
    a1 = store.get_amendment(draft, "A1")
    assert a1.revision == 1 and a1.amendment.status == "accepted"
    assert a1.amendment.history[-1] == store.Event("incorporated", "2025-11-18T15:00:00Z",
                                                   "Chair", "rev. 1")
    assert store.get_amendment(draft, "A2").revision is None
    with pytest.raises(StoreError, match="A1 is in rev. 1"):
        store.set_status(draft, ["A1"], "rejected", now=T2)
    with pytest.raises(StoreError, match="no accepted amendment to incorporate since rev1"):
        store.revise(draft, now=T2)


def test_write_revision_records_a_text_made_of_no_amendment(draft):
    store.file_amendment(draft, DELETE_OP2, ["Chile"], now=T1)
    store.set_status(draft, ["A1"], "accepted", now=T1)
    final = small().evolve(title="Final")
    entry = store.write_revision(draft, final, now=T2, by="Secretariat", note="final text")
    assert entry == store.Revision(1, "A/C.3/80/L.99", "2025-11-18T15:00:00Z", "Secretariat",
                                   note="final text")
    assert json.loads((draft / "draft.json").read_text())["revisions"][1] == {
        "revision": 1, "symbol": "A/C.3/80/L.99", "at": "2025-11-18T15:00:00Z",
        "by": "Secretariat", "source": None, "amendments": [], "note": "final text"}
    assert store.revisions(draft)[1] == entry
    assert store.load_revision(draft) == final
    # The accepted amendment is still waiting for a revise.
    assert store.get_amendment(draft, "A1").open


def test_oas_symbols_take_the_oas_revision_form(tmp_path):
    folder = tmp_path / "oas"
    store.create(folder, small("CIDI/CAM/doc.4/13 rev. 2"), now=T0)
    store.file_amendment(folder, DELETE_OP2, ["Canada"], now=T1)
    store.set_status(folder, ["A1"], "accepted", now=T1)
    entry, _ = store.revise(folder, now=T2)
    assert entry.symbol == "CIDI/CAM/doc.4/13 rev. 3"


def test_revise_refuses_and_writes_nothing_when_one_cannot_apply(draft):
    store.file_amendment(draft, DELETE_OP2, ["Chile"], now=T1)
    store.file_amendment(draft, DELETE_OP2, ["Spain"], now=T1)  # valid alone, not after A1
    store.set_status(draft, ["A1", "A2"], "accepted", now=T2)
    before = snapshot(draft)
    with pytest.raises(AmendmentError) as e:
        store.revise(draft, now=T2)
    assert (e.value.amendment, e.value.target) == ("A2", "OP2")
    assert snapshot(draft) == before


class Killed(Exception):
    """Stands for the process being killed between two writes."""


def test_a_revise_killed_at_any_write_leaves_a_consistent_draft(draft, tmp_path, monkeypatch):
    store.file_amendment(draft, DELETE_OP2, ["Chile"], now=T1)
    store.file_amendment(draft, DELETE_PP2, ["Spain"], now=T1)
    store.set_status(draft, ["A1", "A2"], "accepted", now=T2)
    clean = tmp_path / "clean"
    shutil.copytree(draft, clean)
    store.revise(clean, now=T2, by="Chair", extra_files=lambda old, new: {".extra": b"x"})
    done = snapshot(clean)
    before = snapshot(draft)
    real_write = store._write_temp
    writes = 0
    for kill_at in range(1, 20):
        case = tmp_path / f"kill{kill_at}"
        shutil.copytree(draft, case)
        calls = 0

        def dying_write(path, data):
            nonlocal calls
            calls += 1
            if calls == kill_at:
                # Killed mid-write: a temporary file is left behind, the target untouched.
                (path.parent / f".{path.name}.999.dead{store._TEMP_SUFFIX}").write_bytes(b"{")
                raise Killed
            return real_write(path, data)

        monkeypatch.setattr(store, "_write_temp", dying_write)
        try:
            store.revise(case, now=T2, by="Chair", extra_files=lambda old, new: {".extra": b"x"})
        except Killed:
            pass
        else:
            writes = calls
            monkeypatch.setattr(store, "_write_temp", real_write)
            break
        monkeypatch.setattr(store, "_write_temp", real_write)
        # Readable and consistent at once: either rev0 with A1, A2 open, or rev1 with both in.
        log = store.revisions(case)
        latest = store.load_revision(case)
        states = {(f.id, f.revision) for f in store.list_amendments(case)}
        if len(log) == 1:
            assert latest == store.load_revision(draft)
            assert states == {("A1", None), ("A2", None)}
            # The next mutation clears the leftovers, and the revise can be done again.
            store.revise(case, now=T2, by="Chair", extra_files=lambda old, new: {".extra": b"x"})
        else:
            assert latest == store.load_revision(clean)
            assert states == {("A1", 1), ("A2", 1)}
            # The next mutation (here a refused one) completes the amendments' history.
            with pytest.raises(StoreError):
                store.set_status(case, ["A1"], "rejected", now=T2)
        assert snapshot(case) == done, kill_at
    # rev1.txt, rev1.extra, rev1.json, draft.json, A1, A2: every point was tried.
    assert writes == 6
    assert snapshot(draft) == before


def _file_many(args):
    folder, worker = args
    return [store.file_amendment(folder, DELETE_OP2, [f"Delegation {worker}"],
                                 now=T1, text=f"{worker}-{i}").id for i in range(25)]


def test_eight_processes_filing_at_once_lose_nothing(draft):
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(8) as pool:
        results = pool.map(_file_many, [(str(draft), w) for w in range(8)])
    ids = [aid for r in results for aid in r]
    assert len(ids) == 200 and len(set(ids)) == 200
    assert sorted(ids, key=lambda a: int(a[1:])) == [f"A{n}" for n in range(1, 201)]
    filed = store.list_amendments(draft)
    assert [f.id for f in filed] == [f"A{n}" for n in range(1, 201)]
    assert sorted(f.amendment.text for f in filed) == sorted(
        f"{w}-{i}" for w in range(8) for i in range(25))
    assert not [p for p in (draft / "amendments").iterdir() if p.name.startswith(".")]


def test_refs(draft):
    store.file_amendment(draft, DELETE_OP2, ["Chile"], now=T1)
    store.set_status(draft, ["A1"], "accepted", now=T2)
    store.revise(draft, now=T2)
    d = str(draft)
    assert [store.is_ref(r) for r in (d, f"{d}@rev0", f"{d}@latest", f"{d}/rev0.txt",
                                      f"{d}/nope", "x@rev1")] == [
        True, True, True, False, False, False]
    assert store.parse_ref(f"{d}@rev0") == (draft, 0)
    assert store.parse_ref(f"{d}@latest") == (draft, None)
    assert store.load_ref(d) == store.load_ref(f"{d}@latest") == store.load_ref(f"{d}@rev1")
    assert store.load_ref(f"{d}@rev0") == small()
    with pytest.raises(StoreError, match="no revision 2 \\(latest is rev1\\)"):
        store.load_ref(f"{d}@rev2")
    with pytest.raises(StoreError, match="not a revision reference"):
        store.load_ref(f"{d}@r1")


def test_a_corrupt_file_is_a_store_error(draft):
    store.file_amendment(draft, DELETE_OP2, ["Chile"], now=T1)
    (draft / "amendments" / "A1.json").write_text("{", encoding="utf-8")
    with pytest.raises(StoreError, match="A1.json: not readable JSON"):
        store.list_amendments(draft)


def test_a_failed_write_among_many_leaves_no_temporary_file(tmp_path, monkeypatch):
    """Writing several files, one fails: the temporary files the others wrote are removed
    and no target is replaced."""
    real_write = store._write_temp
    files = [(tmp_path / f"f{k}.json", f"{k}\n") for k in range(6)]
    for path, _ in files:
        path.write_text("old\n", encoding="utf-8")

    def one_fails(path, data):
        if path.name == "f3.json":
            raise OSError(28, "No space left on device")
        return real_write(path, data)

    monkeypatch.setattr(store, "_write_temp", one_fails)
    with pytest.raises(OSError):
        store._write_many(files)
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"f{k}.json" for k in range(6)]
    assert all(path.read_text(encoding="utf-8") == "old\n" for path, _ in files)
