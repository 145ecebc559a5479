#!/usr/bin/env bash
# Every command of the README's "Commands" section, as written there, against a local
# S3 server. The test suite runs this script, so the README cannot drift from the tool.
#
#     bash examples/tour.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

source examples/dev-env.sh
pfp() { $PFP "$@"; }

# The files the examples name.
cd "$work"
cp "$root/examples/njit.jpeg" photo.jpg
cp "$root/examples/default.png" avatar.png
cp "$root/examples/default.png" default.png
mkdir legacy-avatars
cp photo.jpg legacy-avatars/42.jpg
cp avatar.png legacy-avatars/alice@example.com.png
printf 'user,path\nalice,photo.jpg\n' > users.csv
# Users 1..42, so that 42.jpg has its user.
for i in $(seq 1 42); do pfp -q user add --email "u$i@example.com" --nickname "u$i" > /dev/null; done

# --- the README's examples, in order ---
pfp bucket init --wait 30s
pfp user add --email alice@example.com --nickname alice --name "Alice A."
pfp validate photo.jpg avatar.png --json
pfp upload --user alice@example.com photo.jpg --sizes 512,256,128,64
pfp import ./legacy-avatars -j 8 --sizes 512,128   # files named 42.jpg, alice@example.com.png, ...
pfp import --manifest users.csv      # user,path rows
pfp get-url --user 42 --expires 15m --size 128 --check
pfp set-default default.png          # or: pfp set-default --generated identicon
pfp remove --user alice --yes
pfp restore --user alice            # undo: the removed picture is current again
pfp user show alice --json
pfp export-urls --expires 1d > urls.csv
pfp verify --fix --yes
pfp doctor

# pfp as a library (examples/library.rs): its URL works like the command's.
cd "$root"
$PFP user add --email lib@example.edu --nickname lib
lib_url=$($LIBRARY lib examples/njit.jpeg)
curl -fsS -o /dev/null "$lib_url" && echo "the library example's URL works too"
echo "tour: every command ran"
