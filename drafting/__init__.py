"""drafting: parse draft resolutions, track amendments, compare revisions, render Word."""

__version__ = "0.1.0"
