"""`scripts/bench --server rgw recover`: a mass deletion behind pfp's back in a bucket
that keeps versions (`mc rm --recursive --force ALIAS/demo/users/`), and what it takes
to find and bring back every picture:

- `pfp verify` naming every missing object `recoverable`, against `rclone lsf -R
  --s3-versions` listing the same versions (the floor: one listing);
- `pfp verify --fix --yes` bringing them all back, with `--jobs 16` (the default) and
  `--jobs 1`, with the CPU of pfp and of the server meanwhile: on two cores, what bounds
  the rate;
- then every picture replaced and the replaced ones made older than 7 days: `pfp verify
  --fix --yes` deleting them, with `--jobs 16` and `--jobs 1`, in that bucket and in one
  that keeps no versions.

RECOVER_USERS=10000 (default) users, one small picture each, imported with versioning
on. Needs a server with versioning: Ceph RGW (s3s-fs has none).
"""

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_server  # noqa: E402
from bench_scale import AK, PFP, SK, png  # noqa: E402

USERS = int(os.environ.get("RECOVER_USERS", "10000"))


def timed(cmd, env, ok=(0,)):
    """Wall seconds and CPU seconds (user + system) of one process."""
    before = os.times()
    start = time.perf_counter()
    res = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    after = os.times()
    if res.returncode not in ok:
        sys.exit(f"{' '.join(map(str, cmd))} failed ({res.returncode}):\n{res.stderr[-3000:]}")
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return wall, cpu, res.stdout


def main():
    if bench_server.KIND != "rgw":
        sys.exit("recover: needs a server that keeps versions; run scripts/bench --server rgw recover")
    from minio import Minio
    from minio.deleteobjects import DeleteObject
    from minio.versioningconfig import ENABLED, VersioningConfig

    tmp = Path(tempfile.mkdtemp(prefix="pfp-recover-"))
    server = bench_server.Server(tmp, AK, SK)
    s3 = Minio(server.endpoint.removeprefix("http://"), AK, SK, secure=False)
    rows = []

    def set_up(bucket, versioned):
        """A bucket (keeping versions or not) and a database of USERS users, each with a
        picture imported: the environment pfp runs with, and the import's manifest."""
        env = dict(os.environ, MINIO_ENDPOINT=server.endpoint, MINIO_ACCESS_KEY=AK, MINIO_SECRET_KEY=SK,
                   MINIO_BUCKET_NAME=bucket, DATABASE_URL=f"sqlite:{tmp}/{bucket}.db", NO_COLOR="1",
                   **server.rclone_env())
        env.pop("AWS_CA_BUNDLE", None)
        subprocess.run([PFP, "bucket", "init"], env=env, check=True, capture_output=True)
        if versioned:
            s3.set_bucket_versioning(bucket, VersioningConfig(ENABLED))
        subprocess.run([PFP, "user", "import", "-"], env=env, check=True, capture_output=True,
                       input=b"email,nickname\n")
        con = sqlite3.connect(tmp / f"{bucket}.db")
        con.executemany(
            "INSERT INTO users (uuid, email, nickname, created_at, updated_at) VALUES (?, ?, ?, 'now', 'now')",
            ((f"00000000-0000-4000-8000-{i:012d}", f"u{i}@example.com", f"u{i}") for i in range(1, USERS + 1)))
        con.commit()
        con.close()
        pictures = tmp / f"{bucket}-pictures"
        pictures.mkdir()
        for i in range(1, USERS + 1):
            (pictures / f"{i}.png").write_bytes(png(i))
        manifest = tmp / f"{bucket}.csv"
        manifest.write_text("".join(f"{i},{pictures}/{i}.png\n" for i in range(1, USERS + 1)))
        print(f"importing {USERS:,} pictures into '{bucket}' ...", file=sys.stderr)
        timed([PFP, "import", "--manifest", manifest], env)
        return env, pictures, manifest

    def expire(bucket, env, pictures, manifest, what):
        """Every picture replaced, the replaced ones past their 7 days: --fix deletes
        them (each under its owner lock, read again first)."""
        for round_, jobs in enumerate(("16", "1"), start=1):
            for i in range(1, USERS + 1):
                (pictures / f"{i}.png").write_bytes(png(i + round_ * 1_000_003))
            timed([PFP, "import", "--manifest", manifest], env)
            con = sqlite3.connect(tmp / f"{bucket}.db")
            con.execute("UPDATE pfp_pictures SET retired_at = '2000-01-01T00:00:00Z' WHERE is_current = 0")
            con.commit()
            con.close()
            server_before = server.cpu()
            wall, cpu, _ = timed([PFP, "verify", "--fix", "--yes", "--jobs", jobs], env)
            server_cpu = server.cpu() - server_before
            rows.append((f"pfp verify --fix --jobs {jobs}: {USERS:,} pictures replaced more than 7 days "
                         f"ago deleted, {what} (server CPU {server_cpu:.1f} s)", wall, cpu))

    try:
        bucket = "recover"
        env, pictures, manifest = set_up(bucket, True)

        def wipe():
            """`mc rm --recursive --force ALIAS/recover/users/`: a delete marker over each."""
            names = [o.object_name for o in s3.list_objects(bucket, prefix="users/", recursive=True)]
            errors = list(s3.remove_objects(bucket, (DeleteObject(n) for n in names)))
            if errors:
                sys.exit(f"deleting: {errors[:3]}")
            return len(names)

        objects = wipe()
        wall, cpu, out = timed([PFP, "verify", "--json"], env, ok=(1,))
        found = out.count('"recoverable":true')
        if found != objects:
            sys.exit(f"verify named {found} of {objects} deleted objects recoverable")
        rows.append((f"pfp verify: {objects:,} missing objects, each named recoverable", wall, cpu))
        wall, cpu, _ = timed(["rclone", "lsf", "-R", "--s3-versions", f"s3:{bucket}/users"], env)
        rows.append(("rclone lsf -R --s3-versions (the same versions listed)", wall, cpu))
        for jobs in ("16", "1"):
            server_before = server.cpu()
            wall, cpu, _ = timed([PFP, "verify", "--fix", "--yes", "--jobs", jobs], env)
            server_cpu = server.cpu() - server_before
            timed([PFP, "verify"], env)
            rows.append((f"pfp verify --fix --jobs {jobs}: {objects:,} objects brought back "
                         f"(server CPU {server_cpu:.1f} s)", wall, cpu))
            wipe()
        expire(bucket, env, pictures, manifest, "versions kept")
        plain = "plain"
        expire(plain, *set_up(plain, False), "no versions")
    finally:
        server.close()
        shutil.rmtree(tmp, ignore_errors=True)

    cores = os.cpu_count()
    print(f"\nmachine: {cores} cores; SQLite; {bench_server.describe()}; one run each\n")
    print("| step | wall (s) | CPU of the tool (s) |")
    print("|---|---|---|")
    for what, wall, cpu in rows:
        print(f"| {what} | {wall:.2f} | {cpu:.2f} |")


if __name__ == "__main__":
    main()
