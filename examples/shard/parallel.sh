#!/usr/bin/env bash
# A bulk import spread over shards with GNU parallel: N shards, at most JOBS at once, on
# this machine or, with --sshlogin, on others (each needs pfp, the files and the same
# MINIO_* and DATABASE_URL settings). Shards never overlap; re-run one with
# `pfp import --manifest FILE --shard K/N` if it failed.
#
#   examples/shard/parallel.sh manifest.csv 8 4
#   SSH_LOGINS=4/host1,4/host2 examples/shard/parallel.sh manifest.csv 8 8
set -euo pipefail
manifest=${1:?usage: parallel.sh MANIFEST [SHARDS] [JOBS]}
shards=${2:-4}
jobs=${3:-$shards}
remote=()
if [[ -n ${SSH_LOGINS:-} ]]; then
  remote=(--sshlogin "$SSH_LOGINS" --env MINIO_ENDPOINT --env MINIO_ACCESS_KEY
    --env MINIO_SECRET_KEY --env MINIO_BUCKET_NAME --env DATABASE_URL)
fi
# --halt never: every shard runs even if one fails; the exit code counts the failures.
seq 1 "$shards" | parallel --jobs "$jobs" --halt never "${remote[@]}" \
  pfp import --manifest "$manifest" --shard "{}/$shards" --quiet
