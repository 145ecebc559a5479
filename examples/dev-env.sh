# Sourced by quickstart.sh and tour.sh: a local S3 server and the settings to use it.
# PFP, DEV_SERVER and LIBRARY may name prebuilt binaries (the test suite does that);
# PORT picks the server's port (default 9000).
# Both with the dev-server feature, so cargo builds pfp once for the two of them.
PFP=${PFP:-"cargo run -q --locked --features dev-server --bin pfp --"}
DEV_SERVER=${DEV_SERVER:-"cargo run -q --locked --features dev-server --bin pfp-dev-server --"}
LIBRARY=${LIBRARY:-"cargo run -q --locked --example library --"}
PORT=${PORT:-9000}
# Building pfp compiles the bundled libjpeg-turbo, which needs cmake and nasm: say so
# before cargo fails halfway with cmake's error.
case "$PFP $DEV_SERVER" in
  *cargo*)
    for tool in cmake nasm; do
      command -v "$tool" >/dev/null || {
        echo "building pfp needs $tool: apt-get install cmake nasm (see the README's Install)" >&2
        exit 1
      }
    done
    # The first build takes minutes: build with cargo's progress on screen (the runs
    # below are quiet), with the versions Cargo.lock pins.
    echo "building pfp and the dev server (the first time takes several minutes)..." >&2
    cargo build --locked --features dev-server --bin pfp --bin pfp-decoder --bin pfp-dev-server >&2 || exit 1 ;;
esac
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

# A local S3 server (the same one the tests use), with the documented credentials.
$DEV_SERVER --port "$PORT" --data "$work/s3" &
server=$!

# Settings, as the web app has them.
export MINIO_ENDPOINT=http://127.0.0.1:$PORT MINIO_ACCESS_KEY=minioadmin MINIO_SECRET_KEY=minioadmin
export MINIO_BUCKET_NAME=demo DATABASE_URL=sqlite:$work/pfp.db
