"""Click commands, one module per area; each loads input, calls the library, writes."""


def command_time():
    """The time of this command: SOURCE_DATE_EPOCH if set (reproducible drafts), else now.
    Read once per command and passed down; nothing below the CLI reads the clock."""
    import os
    from datetime import datetime, timezone

    from drafting.errors import InputError

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
        except (ValueError, OverflowError):
            raise InputError(f"SOURCE_DATE_EPOCH is not a number of seconds: {epoch!r}") from None
    return datetime.now(timezone.utc)


def write_output(path: str, data: str | bytes) -> None:
    """Write a command's -o file whole or not at all: a temporary file beside it, flushed to
    disk, then renamed over it. A reader (Word, a second command) never sees half a file,
    and a failed write leaves the old file as it was. Text is written as UTF-8.

    A symbolic link is written through (its target is replaced); an existing file keeps its
    mode and, where allowed, its owner. What cannot be replaced by a rename is written in
    place: a pipe or device (-o /dev/stdout), and a file in a folder this user may not add
    files to."""
    import os
    import stat
    import uuid

    from drafting.errors import InputError

    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        old = os.stat(path)             # through links: what a plain open() would write
    except OSError:
        old = None
    target = os.path.realpath(path)
    folder = os.path.dirname(target)
    tmp = os.path.join(folder, f".drafting-{uuid.uuid4().hex[:12]}.tmp")
    try:
        if old is not None and not stat.S_ISREG(old.st_mode):
            _write_in_place(path, raw)
            return
        try:
            # 0o666 less the umask, as a plain open() would make it; O_EXCL: a fresh file.
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except PermissionError:
            if old is None or not os.access(target, os.W_OK):
                raise
            _write_in_place(target, raw)
            return
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(raw)
                f.flush()
                if old is not None:
                    os.fchmod(f.fileno(), stat.S_IMODE(old.st_mode))
                    if (old.st_uid, old.st_gid) != (os.getuid(), os.getgid()):
                        try:
                            os.fchown(f.fileno(), old.st_uid, old.st_gid)
                        except OSError:
                            pass        # only root may give a file away
                os.fsync(f.fileno())
            os.replace(tmp, target)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
        try:
            dir_fd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(dir_fd)        # the rename itself on disk
            finally:
                os.close(dir_fd)
        except OSError:
            pass
    except OSError as e:
        raise InputError(f"cannot write: {e.strerror or e}", path) from None


def _write_in_place(path: str, raw: bytes) -> None:
    with open(path, "wb") as f:
        f.write(raw)
