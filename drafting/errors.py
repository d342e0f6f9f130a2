"""The one exception hierarchy: every failure the user can cause is a DraftingError."""
from __future__ import annotations


class DraftingError(Exception):
    """Base class: the CLI turns any of these into a one-line message and exit status 1."""


class InputError(DraftingError, ValueError):
    """A file that cannot be read as a document: empty, binary, wrong encoding, hostile."""

    def __init__(self, message: str, file: str | None = None):
        self.file = file
        super().__init__(f"{file}: {message}" if file else message)


class ParseError(DraftingError, ValueError):
    """Text that is not what the grammar expects, located in the user's original file.

    str() gives `file:line:column: message`, then the line and a caret under the column.
    """

    def __init__(self, message: str, file: str | None = None, line: int = 1, column: int = 1,
                 source_line: str | None = None):
        self.message = message
        self.file = file or "<input>"
        self.line = line
        self.column = column
        self.source_line = source_line
        head = f"{self.file}:{line}:{column}: {message}"
        if source_line is not None:
            shown = source_line.rstrip("\n")
            head += "\n    " + shown + "\n    " + " " * max(column - 1, 0) + "^"
        super().__init__(head)

    @property
    def one_line(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message}"


class AmendmentError(DraftingError, ValueError):
    """An amendment that cannot apply: names the amendment and the paragraph it targets."""

    def __init__(self, message: str, amendment: str | None = None, target: str | None = None):
        self.amendment = amendment
        self.target = target
        where = " ".join(x for x in (
            f"amendment {amendment}" if amendment else "",
            f"(target {target})" if target else "") if x)
        super().__init__(f"{where}: {message}" if where else message)


class StoreError(DraftingError):
    """The drafts/ folder is missing, inconsistent, or an operation is not allowed now."""


class RenderError(DraftingError):
    """A document could not be rendered (for example an unknown house style)."""
