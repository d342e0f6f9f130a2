"""`python -m drafting`: the same CLI as the `drafting` console script."""
from drafting.cli import cli

cli(prog_name="drafting")
