"""The drafts/ store: every file read and write under a draft's folder, atomic and locked.

A draft is a folder a person can read and diff in git (the format is described in
drafts/README.md):

    draft.json            the log of revisions: number, symbol, time, who, amendments in it
    rev0.txt, rev0.json   each revision's canonical text and its model (ids like OP5bis or
    rev1.txt, rev1.json   PP4-after-PP3-was-deleted cannot be recovered from text alone)
    amendments/A1.json    one file per amendment: delegations, justification, status,
                          instruction, operations, history

Every write goes to a temporary file in the same folder, is flushed and fsynced, then
renamed over the target (`os.replace`), so a reader never sees half a file. Every mutation
holds an exclusive `fcntl.flock` on `.lock` in the draft's folder, so concurrent filings get
distinct ids and never overwrite each other.

A revision is committed when its entry is written to draft.json: `revise` writes the
revision's files first, then draft.json, then the amendments' history. A process killed
before the commit leaves only unlisted files (ignored, then removed by the next mutation);
killed after it, the amendments' missing "incorporated" events are restored from the log by
the next mutation, and readers take an amendment's revision from the log meanwhile.

The clock and the author are passed in (`now`, `by`); nothing here reads the time.
"""
from __future__ import annotations

import fcntl
import json
import os
import re
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping

from drafting.errors import StoreError
from drafting.model import AMENDMENT_STATUSES, Amendment, Event, Operation, Paragraph, \
    Resolution, Symbol

FORMAT = "drafting-draft 1"
DRAFT_FILE = "draft.json"
LOCK_FILE = ".lock"
AMENDMENTS = "amendments"

_AMENDMENT_FILE = re.compile(r"^A(\d+)\.json$")
_REVISION_FILE = re.compile(r"^rev(\d+)\.")
_REF = re.compile(r"^(?P<dir>.+?)@(?:rev(?P<n>\d+)|(?P<latest>latest))$")
_TEMP_SUFFIX = ".tmp"


@dataclass(frozen=True)
class Revision:
    """One entry of a draft's log: revision `number` and the amendments incorporated in it."""

    number: int
    symbol: str | None
    at: str
    by: str | None = None
    amendments: tuple[str, ...] = ()
    # Where rev0 came from (a file name, never a full path, so rebuilt drafts compare equal).
    source: str | None = None
    # Why a revision made of no amendment was issued ("final text").
    note: str | None = None

    def to_dict(self) -> dict:
        d = {"revision": self.number, "symbol": self.symbol, "at": self.at, "by": self.by,
             "source": self.source, "amendments": list(self.amendments)}
        if self.note is not None:
            d["note"] = self.note
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "Revision":
        return cls(number=d["revision"], symbol=d.get("symbol"), at=d["at"], by=d.get("by"),
                   amendments=tuple(d.get("amendments") or ()), source=d.get("source"),
                   note=d.get("note"))


@dataclass(frozen=True)
class Filed:
    """An amendment as the store keeps it: the model's Amendment plus where it stands.

    `against` is the revision current when it was filed; `revision` the one that
    incorporated it (None while it is open); `document` the symbol of the amendment
    document it came from (A/C.3/80/L.65), if any.
    """

    amendment: Amendment
    against: int
    document: str | None = None
    revision: int | None = None

    @property
    def id(self) -> str:
        return self.amendment.id

    @property
    def open(self) -> bool:
        """Proposed, or accepted but not yet in a revision."""
        return self.revision is None and self.amendment.status in ("proposed", "accepted")

    def to_dict(self) -> dict:
        a = self.amendment
        return {
            "id": a.id,
            "document": self.document,
            "delegations": list(a.delegations),
            "status": a.status,
            "against": self.against,
            "revision": self.revision,
            "justification": a.justification,
            "instruction": a.text,
            "operations": [o.to_dict() for o in a.operations],
            "history": [_event_to_dict(e) for e in a.history],
        }

    @classmethod
    def from_dict(cls, d: dict) -> "Filed":
        amendment = Amendment(
            id=d["id"],
            operations=tuple(Operation.from_dict(o) for o in d.get("operations") or ()),
            delegations=tuple(d.get("delegations") or ()),
            text=d.get("instruction") or "",
            justification=d.get("justification") or "",
            status=d.get("status", "proposed"),
            history=tuple(Event(e["action"], e["at"], e.get("by"), e.get("note"))
                          for e in d.get("history") or ()),
        )
        return cls(amendment, against=d.get("against", 0), document=d.get("document"),
                   revision=d.get("revision"))


def _event_to_dict(e: Event) -> dict:
    return {"action": e.action, "at": e.at, "by": e.by, "note": e.note}


def timestamp(now: datetime) -> str:
    """The store's time format, UTC to the second: 2013-05-10T09:00:00Z."""
    if now.tzinfo is None:
        now = now.replace(tzinfo=timezone.utc)
    return now.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


# ---------------------------------------------------------------------------------------
# Low level: atomic writes, lock, JSON.

def _dumps(data) -> str:
    """Pretty, stable JSON ending in a newline: one fact per line diffs well in git."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_atomic(path: Path, data: str | bytes, *, exclusive: bool = False) -> None:
    """Write `path` whole or not at all; `exclusive` refuses to replace an existing file."""
    if exclusive:
        tmp = _write_temp(path, data)
        try:
            # link() fails if the name exists: a second guard, besides the lock, against
            # two filings ever getting the same id.
            os.link(tmp, path)
        except FileExistsError:
            raise StoreError(f"{path}: already exists; not overwritten") from None
        finally:
            tmp.unlink()
        _fsync_dir(path.parent)
    else:
        _write_many([(path, data)])


def _write_temp(path: Path, data: str | bytes) -> Path:
    tmp = path.parent / f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}{_TEMP_SUFFIX}"
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        with open(tmp, "wb") as f:
            f.write(raw)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def _write_many(files: Iterable[tuple[Path, str | bytes]]) -> None:
    """Replace several files, each atomically: all on disk before the first rename.

    The temporary files are fsynced from several threads, so that the file system commits
    them together: revising with 2,000 amendments rewrites 2,000 files, and one fsync after
    the other took 5 to 10 s on a busy disk, against 0.5 s this way.
    """
    files = list(files)
    if not files:
        return
    temps: list[tuple[Path, Path]] = []
    try:
        if len(files) == 1:
            temps.append((_write_temp(*files[0]), files[0][0]))
        else:
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(max_workers=min(32, len(files))) as pool:
                futures = [(pool.submit(_write_temp, *f), f[0]) for f in files]
            # Every write has ended here; any that failed is raised below, after the
            # temporary files the others wrote are in `temps` to be removed.
            temps += [(fut.result(), path) for fut, path in futures if not fut.exception()]
            failed = next((fut.exception() for fut, _ in futures if fut.exception()), None)
            if failed is not None:
                raise failed
    except BaseException:
        for tmp, _ in temps:
            tmp.unlink(missing_ok=True)
        raise
    folders: dict[Path, None] = {}
    for tmp, path in temps:
        os.replace(tmp, path)
        folders[path.parent] = None
    for folder in folders:
        _fsync_dir(folder)


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold the draft's exclusive lock (released by the kernel if the process dies)."""
    fd = os.open(folder / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _read_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise StoreError(f"{path}: missing") from None
    except (ValueError, UnicodeDecodeError) as e:
        raise StoreError(f"{path}: not readable JSON ({e})") from None


def _strip_lines(p: Paragraph) -> Paragraph:
    # Line numbers point into the file a revision was parsed from; stored, they would only
    # add noise to every diff.
    return replace(p, line=None, subparagraphs=tuple(_strip_lines(s) for s in p.subparagraphs))


def _revision_json(res: Resolution) -> str:
    res = res.evolve(preambular=tuple(_strip_lines(p) for p in res.preambular),
                     operative=tuple(_strip_lines(p) for p in res.operative))
    return json.dumps(res.to_dict(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


# ---------------------------------------------------------------------------------------
# Reading.

def _folder(folder: str | os.PathLike) -> Path:
    path = Path(folder)
    if not (path / DRAFT_FILE).is_file():
        raise StoreError(f"{path}: not a draft (no {DRAFT_FILE}; start one with `drafting new`)")
    return path


def revisions(folder: str | os.PathLike) -> tuple[Revision, ...]:
    """The draft's log, rev0 first."""
    path = _folder(folder)
    data = _read_json(path / DRAFT_FILE)
    if data.get("format") != FORMAT:
        raise StoreError(f"{path / DRAFT_FILE}: unknown format {data.get('format')!r}")
    return tuple(Revision.from_dict(r) for r in data.get("revisions") or ())


def _revision_number(path: Path, log: tuple[Revision, ...], number: int | None) -> int:
    if not log:
        raise StoreError(f"{path}: the draft has no revision")
    if number is None:
        return log[-1].number
    if not 0 <= number <= log[-1].number:
        raise StoreError(f"{path}: no revision {number} (latest is rev{log[-1].number})")
    return number


def load_revision(folder: str | os.PathLike, number: int | None = None) -> Resolution:
    """Revision `number` of the draft (the latest when None), from its JSON model."""
    path = _folder(folder)
    n = _revision_number(path, revisions(path), number)
    data = _read_json(path / f"rev{n}.json")
    return Resolution.from_dict(data).evolve(source=f"{path}@rev{n}")


def _read_filed(path: Path, by_revision: Mapping[str, int]) -> Filed:
    filed = Filed.from_dict(_read_json(path))
    expected = path.name[:-len(".json")]
    if filed.id != expected:
        raise StoreError(f"{path}: holds amendment {filed.id}, expected {expected}")
    # The log is the authority on what went into which revision (see the module docstring).
    return replace(filed, revision=by_revision.get(filed.id, filed.revision))


def _amendment_paths(path: Path) -> list[Path]:
    folder = path / AMENDMENTS
    if not folder.is_dir():
        return []
    found = [(int(m[1]), p) for p in folder.iterdir() if (m := _AMENDMENT_FILE.match(p.name))]
    return [p for _, p in sorted(found)]


def _incorporated(log: Iterable[Revision]) -> dict[str, int]:
    return {aid: r.number for r in log for aid in r.amendments}


def list_amendments(folder: str | os.PathLike) -> tuple[Filed, ...]:
    """Every amendment of the draft, in filing order (A1, A2 ... A10)."""
    path = _folder(folder)
    by_revision = _incorporated(revisions(path))
    return tuple(_read_filed(p, by_revision) for p in _amendment_paths(path))


def get_amendment(folder: str | os.PathLike, amendment_id: str) -> Filed:
    path = _folder(folder)
    file = path / AMENDMENTS / f"{amendment_id}.json"
    if not _AMENDMENT_FILE.match(file.name) or not file.is_file():
        raise StoreError(f"{path}: no amendment {amendment_id}")
    return _read_filed(file, _incorporated(revisions(path)))


def is_ref(s: str) -> bool:
    """True for "DIR", "DIR@rev1", "DIR@latest" when DIR is a draft's folder."""
    m = _REF.match(s)
    folder = m["dir"] if m else s
    return (Path(folder) / DRAFT_FILE).is_file()


def parse_ref(ref: str) -> tuple[Path, int | None]:
    """"drafts/x@rev2" -> (Path("drafts/x"), 2); "drafts/x" and "drafts/x@latest" -> None."""
    m = _REF.match(ref)
    if m:
        return _folder(m["dir"]), (int(m["n"]) if m["n"] is not None else None)
    if "@" in ref and not (Path(ref) / DRAFT_FILE).is_file():
        raise StoreError(f"{ref}: not a revision reference (use DIR, DIR@revN or DIR@latest)")
    return _folder(ref), None


def load_ref(ref: str) -> Resolution:
    """The revision a reference names: "DIR" and "DIR@latest" the latest, "DIR@rev1" rev. 1."""
    folder, number = parse_ref(ref)
    return load_revision(folder, number)


# ---------------------------------------------------------------------------------------
# Mutations: each holds the lock and starts by finishing whatever a killed process left.

def _write_log(path: Path, log: Iterable[Revision]) -> None:
    _write_atomic(path / DRAFT_FILE, _dumps({
        "format": FORMAT, "revisions": [r.to_dict() for r in log]}))


def _amendment_text(filed: Filed) -> str:
    return _dumps(filed.to_dict())


def _repair(path: Path) -> None:
    """Finish a revise killed after its commit; drop what a killed process left uncommitted.

    Only the latest revision can be unfinished: every mutation runs this first.
    """
    log = revisions(path)
    latest = log[-1] if log else None
    for folder in (path, path / AMENDMENTS):
        if not folder.is_dir():
            continue
        for p in folder.iterdir():
            m = _REVISION_FILE.match(p.name)
            # Revision files beyond the log: a revise killed before its commit.
            if folder == path and m and (latest is None or int(m[1]) > latest.number):
                p.unlink()
            elif p.name.startswith(".") and p.name.endswith(_TEMP_SUFFIX):
                p.unlink()
    if latest is None:
        return
    unfinished = []
    for aid in latest.amendments:
        file = path / AMENDMENTS / f"{aid}.json"
        filed = Filed.from_dict(_read_json(file))
        if filed.revision != latest.number:
            unfinished.append((file, _amendment_text(_with_event(
                replace(filed, revision=latest.number),
                Event("incorporated", latest.at, latest.by, f"rev. {latest.number}")))))
    _write_many(unfinished)


def _with_event(filed: Filed, event: Event, **changes) -> Filed:
    a = filed.amendment
    return replace(filed, amendment=replace(a, history=a.history + (event,), **changes))


def create(folder: str | os.PathLike, res: Resolution, *, now: datetime, by: str | None = None,
           source: str | None = None) -> Revision:
    """Start a draft in `folder` (created if needed) with `res` as rev0."""
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    with _locked(path):
        if (path / DRAFT_FILE).exists():
            raise StoreError(f"{path}: already a draft")
        (path / AMENDMENTS).mkdir(exist_ok=True)
        entry = Revision(0, res.symbol, timestamp(now), by,
                         source=Path(source).name if source else None)
        _write_revision_files(path, 0, res, {})
        _write_log(path, (entry,))  # the commit: from here on the folder is a draft
    return entry


def _write_revision_files(path: Path, n: int, res: Resolution,
                          extra: Mapping[str, bytes]) -> None:
    from drafting.render.text import render_text

    _write_atomic(path / f"rev{n}.txt", render_text(res))
    for suffix, data in extra.items():
        _write_atomic(path / f"rev{n}{suffix}", data)
    # The model last: its presence is what load_revision relies on.
    _write_atomic(path / f"rev{n}.json", _revision_json(res))


def next_id(existing: Iterable[str]) -> str:
    """A1 for the first amendment, then one more than the highest: ids are never reused."""
    numbers = [int(m[1]) for aid in existing if (m := re.fullmatch(r"A(\d+)", aid))]
    return f"A{max(numbers, default=0) + 1}"


def file_amendment(folder: str | os.PathLike, operations: Iterable[Operation],
                   delegations: Iterable[str], *, now: datetime, text: str = "",
                   justification: str = "", document: str | None = None,
                   by: str | None = None, check: bool = True) -> Filed:
    """File an amendment against the current revision and return it with its new id.

    With `check`, the operations are applied to the current revision first (inside the
    lock, so against the revision that is current at filing time); an AmendmentError then
    names the id the amendment would have had, and nothing is written.
    """
    operations = tuple(operations)
    delegations = tuple(d.strip() for d in delegations if d.strip())
    if not operations:
        raise StoreError("an amendment needs at least one operation")
    if not delegations:
        raise StoreError("an amendment needs a delegation (--by)")
    path = _folder(folder)
    with _locked(path):
        _repair(path)
        log = revisions(path)
        current = log[-1].number
        aid = next_id(p.name[:-len(".json")] for p in _amendment_paths(path))
        if check:
            from drafting.amend import apply_operations

            apply_operations(load_revision(path, current), operations, amendment_id=aid)
        filed = Filed(
            Amendment(id=aid, operations=operations, delegations=delegations, text=text,
                      justification=justification, status="proposed",
                      history=(Event("filed", timestamp(now), by or delegations[0],
                                     f"against rev. {current}"),)),
            against=current, document=document)
        (path / AMENDMENTS).mkdir(exist_ok=True)
        _write_atomic(path / AMENDMENTS / f"{aid}.json", _amendment_text(filed), exclusive=True)
    return filed


# Which status may follow which: an amendment in a revision is history and stays as it is;
# a withdrawn one is gone (its delegation may file it again).
_TRANSITIONS = {
    "accepted": ("proposed", "rejected"),
    "rejected": ("proposed", "accepted"),
    "withdrawn": ("proposed", "accepted", "rejected"),
    "superseded": ("proposed", "accepted", "rejected"),
}


def set_status(folder: str | os.PathLike, ids: Iterable[str], status: str, *, now: datetime,
               by: str | None = None, note: str | None = None) -> tuple[Filed, ...]:
    """Accept, reject, withdraw ... the amendments `ids`: all of them, or none if one can't.

    Returns the amendments that changed (one already in `status` is left as it is).
    """
    if status not in AMENDMENT_STATUSES or status == "proposed":
        raise StoreError(f"unknown status {status!r}")
    ids = tuple(dict.fromkeys(ids))
    path = _folder(folder)
    with _locked(path):
        _repair(path)
        changed = []
        for aid in ids:
            filed = get_amendment(path, aid)
            current = filed.amendment.status
            if filed.revision is not None:
                raise StoreError(f"amendment {aid} is in rev. {filed.revision}; it cannot "
                                 f"be {status} now")
            if current == status:
                continue  # accepting an accepted amendment again changes nothing
            if current not in _TRANSITIONS[status]:
                raise StoreError(f"amendment {aid} is {current}; it cannot be {status}")
            changed.append(_with_event(
                filed, Event(status, timestamp(now), by or filed.amendment.delegations[0], note),
                status=status))
        _write_many((path / AMENDMENTS / f"{f.id}.json", _amendment_text(f)) for f in changed)
    return tuple(changed)


def revise(folder: str | os.PathLike, *, now: datetime, by: str | None = None,
           extra_files: Callable[[Resolution, Resolution], Mapping[str, bytes]] | None = None,
           ) -> tuple[Revision, Resolution]:
    """Issue the next revision from the accepted amendments, in filing order.

    The symbol moves to the next revision (A/C.3/80/L.24 -> A/C.3/80/L.24/Rev.1,
    CIDI/CAM/doc.4/13 rev. 2 -> rev. 3). If one amendment cannot apply, AmendmentError
    names it and its target and nothing is written. `extra_files(old, new)` returns more
    files of the new revision by suffix ({".docx": ...}), written before the commit.
    """
    path = _folder(folder)
    with _locked(path):
        _repair(path)
        log = revisions(path)
        current = log[-1].number
        accepted = [f for f in list_amendments(path)
                    if f.amendment.status == "accepted" and f.revision is None]
        if not accepted:
            raise StoreError(f"{path}: no accepted amendment to incorporate since "
                             f"rev{current}")
        from drafting.amend import apply_amendments

        old = load_revision(path, current)
        new = apply_amendments(old, [f.amendment for f in accepted])
        if old.symbol:
            new = new.evolve(symbol=str(Symbol.parse(old.symbol).next_revision()))
        n = current + 1
        at = timestamp(now)
        entry = Revision(n, new.symbol, at, by, tuple(f.id for f in accepted))
        extra = dict(extra_files(old, new)) if extra_files else {}
        _write_revision_files(path, n, new, extra)
        _write_log(path, log + (entry,))  # the commit
        incorporated = Event("incorporated", at, by, f"rev. {n}")
        _write_many((path / AMENDMENTS / f"{f.id}.json",
                     _amendment_text(_with_event(replace(f, revision=n), incorporated)))
                    for f in accepted)
    return entry, new.evolve(source=f"{path}@rev{n}")


def write_revision(folder: str | os.PathLike, res: Resolution, *, now: datetime,
                   by: str | None = None, note: str | None = None,
                   extra_files: Mapping[str, bytes] | None = None) -> Revision:
    """Record `res` as the next revision, made of no amendment: the final renumbered text,
    or a text the chair rewrote. Its symbol is `res.symbol`, as given.

    Same commit protocol as `revise`: files first, then the draft.json entry.
    """
    path = _folder(folder)
    with _locked(path):
        _repair(path)
        log = revisions(path)
        n = log[-1].number + 1
        entry = Revision(n, res.symbol, timestamp(now), by, note=note)
        _write_revision_files(path, n, res, dict(extra_files or {}))
        _write_log(path, log + (entry,))  # the commit
    return entry
