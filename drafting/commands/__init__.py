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
