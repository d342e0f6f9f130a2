#!/bin/sh
# Rebuilds this worked example with the drafting CLI: the OAS migration draft from the text
# Mexico tabled (tabled.txt) to rev. 3, the agreed text of Annex I of the CAM report (2013).
# The negotiation is illustrative (see ../README.md). tests/test_cli_drafts.py replays the
# `drafting` lines below in a temporary folder and compares the result with this folder.
#
# Usage: drafts/oas-migration/make.sh [DIR]      (default: this folder; `drafting` on PATH)
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
D=${1:-$HERE}
rm -rf "$D/draft.json" "$D"/rev[0-9]* "$D/amendments"

SOURCE_DATE_EPOCH=1364911200 drafting new "$D" --from "$HERE/tabled.txt" --symbol "CIDI/CAM/doc.4/13" --by Mexico

# Round 1, on rev0.
SOURCE_DATE_EPOCH=1365156000 drafting amend "$D" --by Brazil --justification "The wording of the Inter-American Program." 'In preambular paragraph 2, replace "fundamental pillar" with "vital pillar".'
SOURCE_DATE_EPOCH=1365157200 drafting amend "$D" --by Canada --with "United States" --justification "Open the course to observers and civil society." 'In operative paragraph 2, replace "and of the General Secretariat." with "and of the General Secretariat, and other interested parties."'
SOURCE_DATE_EPOCH=1365159600 drafting amend "$D" --by Canada --justification "Contributions are already covered by paragraph 6." 'Delete operative paragraph 4.'
SOURCE_DATE_EPOCH=1365413400 drafting amend "$D" --by "United States" --justification "SICREMI needs funding beyond one budget cycle." 'In operative paragraph 3, before "financing" insert "sustainable".'
SOURCE_DATE_EPOCH=1365436800 drafting amend "$D" --by Brazil 'In preambular paragraph 3, delete "and/or return".'
SOURCE_DATE_EPOCH=1366124400 drafting accept "$D" A1 A2 A4
SOURCE_DATE_EPOCH=1366124400 drafting reject "$D" A3 A5 --note "No consensus in the informal consultations."
SOURCE_DATE_EPOCH=1366135200 drafting revise "$D" --no-docx

# Round 2, on rev. 1: the new paragraph 5bis, and the brackets of PP7 lifted.
SOURCE_DATE_EPOCH=1366624800 drafting amend "$D" --by Mexico --with Ecuador --justification "The OAS contribution to the second High-Level Dialogue." 'After operative paragraph 5, insert a new paragraph reading: "To instruct the CAM to provide input, as a report on the specific activities of the OAS in the migration area, to the President of the United Nations General Assembly, prior to the second High-Level Dialogue on International Migration and Development, to be held in October 2013."'
SOURCE_DATE_EPOCH=1366718400 drafting amend "$D" --by "United States" 'In operative paragraph 7, replace "forty-fourth" with "forty-fifth".'
SOURCE_DATE_EPOCH=1366794000 drafting amend "$D" --by Canada --justification "Brackets lifted in the informal consultations of 23 April." 'In preambular paragraph 7, replace "migration, [in cooperation" with "migration, in cooperation".'
SOURCE_DATE_EPOCH=1367334000 drafting withdraw "$D" A7
SOURCE_DATE_EPOCH=1367334000 drafting accept "$D" A6 A8
SOURCE_DATE_EPOCH=1367344800 drafting revise "$D" --no-docx

# Round 3, on rev. 2: two proposals on the same words of OP1.
SOURCE_DATE_EPOCH=1367575200 drafting amend "$D" --by Brazil 'In operative paragraph 1, replace "shall report" with "shall submit a report".'
SOURCE_DATE_EPOCH=1367838000 drafting amend "$D" --by Canada 'In operative paragraph 1, replace "shall report to the General Assembly" with "shall present a report to the General Assembly".'
SOURCE_DATE_EPOCH=1368187200 drafting withdraw "$D" A10 --note "In favour of A9."
SOURCE_DATE_EPOCH=1368187200 drafting accept "$D" A9
SOURCE_DATE_EPOCH=1368205200 drafting revise "$D" --no-docx
