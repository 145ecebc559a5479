#!/usr/bin/env bash
# Undo an import from its own JSON lines (`pfp import --json -v ... > import.ndjson`):
# each user whose picture it replaced gets exactly that picture back (`restore --key`,
# kept 7 days), and each user who had none before loses the imported one again
# (`remove`, itself kept 7 days). Files it left unchanged, rejected or failed are skipped.
# Every user is tried; the exit code is the last failure's (0 when all were undone).
# Options after the file go to each pfp command (the import's `--user-by`, say).
#
#   examples/undo-import.sh import.ndjson
#   examples/undo-import.sh import.ndjson --user-by email
set -euo pipefail
lines=${1:?usage: undo-import.sh IMPORT.ndjson [PFP OPTIONS...]}
shift
status=0
while IFS=$'\t' read -r user replaced; do
  if [[ -n $replaced ]]; then
    pfp restore --user "$user" --key "$replaced" "$@" < /dev/null || status=$?
  else
    pfp remove --user "$user" --yes "$@" < /dev/null || status=$?
  fi
done < <(jq -r 'select(.type == "import" and .status == "done") | [.user, (.replaced // "")] | @tsv' "$lines")
exit "$status"
