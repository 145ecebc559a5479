#!/usr/bin/env bash
# The README's quick start as one script: a local S3 server, a bucket, a user, an upload,
# and a presigned URL that curl fetches. Run it from the repository:
#
#     bash examples/quickstart.sh
#
# PFP and DEV_SERVER may name prebuilt binaries (the test suite does that); PORT picks the
# server's port (default 9000). It builds pfp and the dev server only (cargo feature
# dev-server), none of the test suite's crates.
set -euo pipefail
cd "$(dirname "$0")/.."

# 1-2. A local S3 server and the settings (examples/dev-env.sh).
source examples/dev-env.sh

# 3. The bucket (waiting for the server to come up), a user, a picture.
$PFP bucket init --wait 60s
$PFP bucket init
$PFP user add --email njit@example.edu --nickname njit
url=$($PFP upload --user njit examples/njit.jpeg)

# 4. The URL works: fetch it.
curl -fsS -o "$work/fetched.jpg" "$url"
echo "fetched $(wc -c < "$work/fetched.jpg") bytes from the presigned URL"
$PFP user show njit
