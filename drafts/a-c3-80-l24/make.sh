#!/bin/sh
# Rebuilds this worked example with the drafting CLI: the real draft A/C.3/80/L.24 (L24.txt)
# and the real amendment A/C.3/80/L.65 (L65.txt), filed by its twenty sponsors. Accepting it
# and issuing rev. 1 is illustrative (see ../README.md). tests/test_cli_drafts.py replays the
# `drafting` lines below in a temporary folder and compares the result with this folder.
#
# Usage: drafts/a-c3-80-l24/make.sh [DIR]        (default: this folder; `drafting` on PATH)
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
D=${1:-$HERE}
rm -rf "$D/draft.json" "$D"/rev[0-9]* "$D/amendments"

SOURCE_DATE_EPOCH=1761901200 drafting new "$D" --from "$HERE/L24.txt"
SOURCE_DATE_EPOCH=1763110800 drafting amend "$D" --file "$HERE/L65.txt"
SOURCE_DATE_EPOCH=1763460000 drafting accept "$D" A1
SOURCE_DATE_EPOCH=1763478000 drafting revise "$D" --no-docx
