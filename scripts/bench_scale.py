"""The scale scenario behind `scripts/bench scale` (run that: it installs and builds).

Users are inserted in bulk (one SQL statement, not one pfp process per user), each with a
small picture of its own (a 24x24 PNG, unique bytes). For each size (10,000 and 100,000
users by default; SCALE_SIZES=1000,5000 for a quick look) it measures, whole process:

- `pfp import --manifest` of every user's picture: files/s and peak memory;
- `pfp verify` of the result: wall time, peak memory and the LIST requests it made (the
  test server counts them), next to `rclone lsf -R` listing the same bucket (time and
  LIST requests);
- `pfp export-urls`: URLs/s and peak memory.

Peak memory is the child's maximum RSS as `/usr/bin/time -v` reports it (GNU time forks
a small process of its own, so the figure is pfp's).
"""

import os
import re
import shutil
import sqlite3
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_server  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PFP = ROOT / "target/release/pfp"
RUNS = int(os.environ.get("RUNS", "3"))
SIZES = [int(s) for s in os.environ.get("SCALE_SIZES", "10000,100000").split(",")]
# SCALE_STEPS=import measures the import alone (the listing comparison takes the longest).
STEPS = os.environ.get("SCALE_STEPS", "import,verify,export").split(",")
AK, SK = "benchkey", "benchsecret-0123456789"


def png(seed: int, size: int = 24) -> bytes:
    """A small RGB PNG whose pixels depend on `seed`: every user's picture differs."""
    rows = b"".join(
        b"\x00" + bytes(((x * 7 + seed) % 256, (y * 11 + seed // 256) % 256, (x * y + seed) % 256)[c]
                        for x in range(size) for c in range(3))
        for y in range(size))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def measured(cmd, env):
    """Wall seconds and peak RSS (MiB) of one whole process, which must succeed."""
    start = time.perf_counter()
    res = subprocess.run(["/usr/bin/time", "-v", *map(str, cmd)], env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    if res.returncode != 0:
        sys.exit(f"{' '.join(map(str, cmd))} failed ({res.returncode}):\n{res.stderr[-3000:]}")
    kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", res.stderr).group(1))
    return wall, kb / 1024


def main():
    data = Path(os.environ.get("PFP_BENCH_DATA", Path.home() / ".cache/pfp-bench")) / "scale"
    pictures = data / "pictures"
    pictures.mkdir(parents=True, exist_ok=True)
    most = max(SIZES)
    have = len(os.listdir(pictures))
    if have < most:
        print(f"writing {most - have:,} small pictures ...", file=sys.stderr)
        for i in range(1, most + 1):
            p = pictures / f"{i}.png"
            if not p.exists():
                p.write_bytes(png(i))

    tmp = Path(tempfile.mkdtemp(prefix="pfp-scale-"))
    server = bench_server.Server(tmp, AK, SK)
    env = dict(os.environ, MINIO_ENDPOINT=server.endpoint, MINIO_ACCESS_KEY=AK,
               MINIO_SECRET_KEY=SK, NO_COLOR="1", **server.rclone_env())
    env.pop("AWS_CA_BUNDLE", None)
    results = {}
    try:
        for n in SIZES:
            print(f"{n:,} users ...", file=sys.stderr)
            db = tmp / f"scale{n}.db"
            bucket = f"scale{n}"
            run_env = dict(env, DATABASE_URL=f"sqlite:{db}", MINIO_BUCKET_NAME=bucket)
            subprocess.run([PFP, "bucket", "init"], env=run_env, check=True, capture_output=True)
            subprocess.run([PFP, "user", "import", "-"], env=run_env, check=True,
                           capture_output=True, input=b"email,nickname\n")
            con = sqlite3.connect(db)
            con.executemany(
                "INSERT INTO users (uuid, email, nickname, created_at, updated_at) VALUES (?, ?, ?, 'now', 'now')",
                ((f"00000000-0000-4000-8000-{i:012d}", f"u{i}@example.com", f"u{i}")
                 for i in range(1, n + 1)))
            con.commit()
            con.close()
            manifest = tmp / f"manifest{n}.csv"
            manifest.write_text("".join(f"{i},{pictures}/{i}.png\n" for i in range(1, n + 1)))

            imp = measured([PFP, "import", "--manifest", manifest], run_env)
            print(f"  import: {imp[0]:.1f} s ({n / imp[0]:.0f} files/s), {imp[1]:.1f} MiB", file=sys.stderr)

            if STEPS == ["import"]:
                results[n] = {"import_s": imp[0], "import_mib": imp[1]}
                continue
            verifies, verify_lists = [], None
            for _ in range(RUNS):
                v, lists = server.lists_during(lambda: measured([PFP, "verify"], run_env))
                verifies.append(v)
                verify_lists = lists
            rclones, rclone_lists = [], None
            for _ in range(RUNS):
                r, lists = server.lists_during(
                    lambda: measured(["rclone", "lsf", "-R", "--files-only", f"s3:{bucket}"], run_env))
                rclones.append(r)
                rclone_lists = lists
            exports = [measured([PFP, "export-urls"], run_env) for _ in range(RUNS)]
            results[n] = {
                "import_s": imp[0], "import_mib": imp[1],
                "verify_s": statistics.median(v[0] for v in verifies),
                "verify_mib": max(v[1] for v in verifies),
                "verify_lists": verify_lists,
                "rclone_s": statistics.median(r[0] for r in rclones),
                "rclone_lists": rclone_lists,
                "export_s": statistics.median(e[0] for e in exports),
                "export_mib": max(e[1] for e in exports),
            }
            r = results[n]
            print(f"  verify: {r['verify_s']:.2f} s, {r['verify_mib']:.1f} MiB, {verify_lists} LISTs; "
                  f"rclone lsf -R: {r['rclone_s']:.2f} s, {rclone_lists} LISTs; "
                  f"export-urls: {r['export_s']:.2f} s, {r['export_mib']:.1f} MiB", file=sys.stderr)
    finally:
        server.close()
        shutil.rmtree(tmp, ignore_errors=True)

    cpu = subprocess.run(["sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"],
                         capture_output=True, text=True).stdout.strip()
    print(f"\nmachine: {os.cpu_count()} cores, {cpu}; SQLite; {bench_server.describe()}; "
          f"verify, rclone and export-urls: median of {RUNS} runs, peak memory the highest")
    if STEPS == ["import"]:
        for n, r in results.items():
            print(f"| {n:,} | {n / r['import_s']:,.0f} files/s | {r['import_mib']:.1f} MiB |")
        small, big = min(results), max(results)
        print(f"import peak memory {big:,} vs {small:,}: "
              f"{results[big]['import_mib'] / results[small]['import_mib']:.2f}x")
        return
    print("\n| users | import (files/s) | import peak (MiB) | verify (s) | verify peak (MiB) | verify LISTs "
          "| rclone lsf -R (s) | rclone LISTs | export-urls (URLs/s) | export peak (MiB) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for n, r in results.items():
        print(f"| {n:,} | {n / r['import_s']:,.0f} | {r['import_mib']:.1f} | {r['verify_s']:.2f} "
              f"| {r['verify_mib']:.1f} | {r['verify_lists'] or '-'} | {r['rclone_s']:.2f} | {r['rclone_lists'] or '-'} "
              f"| {n / r['export_s']:,.0f} | {r['export_mib']:.1f} |")
    small, big = min(results), max(results)
    rs, rb = results[small], results[big]
    print("\n| target | measured | met |")
    print("|---|---|---|")

    def target(what, value, ok):
        print(f"| {what} | {value} | {'yes' if ok else 'no'} |")

    ratio = rb["verify_s"] / rb["rclone_s"]
    target(f"verify of {big:,} users within 1.2x `rclone lsf -R` ({bench_server.KIND})", f"{ratio:.2f}x",
           ratio <= 1.2)
    rate = big / rb["export_s"]
    target(f"export-urls with {big:,} users at >= 300,000 URLs/s", f"{rate:,.0f} URLs/s", rate >= 300_000)
    target(f"verify of {big:,} users under 150 MB peak", f"{rb['verify_mib'] * 1.048576:.1f} MB",
           rb["verify_mib"] * 1.048576 < 150)
    for what in ("import", "verify", "export"):
        ratio = rb[f"{what}_mib"] / rs[f"{what}_mib"]
        target(f"{what} peak memory, {big:,} vs {small:,} users, within 1.2x", f"{ratio:.2f}x", ratio <= 1.2)


if __name__ == "__main__":
    main()
