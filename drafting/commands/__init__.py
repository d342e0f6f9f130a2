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
    and a failed write leaves the old file as it was. Text is written as UTF-8."""
    import os
    import tempfile

    from drafting.errors import InputError

    raw = data.encode("utf-8") if isinstance(data, str) else data
    folder = os.path.dirname(os.path.abspath(path))
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp",
                                   dir=folder)
        with os.fdopen(fd, "wb") as f:
            f.write(raw)
            f.flush()
            os.fsync(f.fileno())
        try:
            # mkstemp makes the file 0600: give it the mode a plain open() would have.
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        except OSError:
            pass
        os.replace(tmp, path)
        tmp = None
    except OSError as e:
        raise InputError(f"cannot write: {e.strerror or e}", path) from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
