"""The measurements behind scripts/bench (run that, not this: it installs and builds).

Each figure is the median of several runs with min and max; every command is a whole
process, started the way a user would start it.
"""

import json
import os
import re
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_server  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PFP = ROOT / "target/release/pfp"
FORK_FLOOR = ROOT / "target/release/examples/fork-floor"
RUNS = int(os.environ.get("RUNS", "5"))
IMPORT_RUNS = int(os.environ.get("IMPORT_RUNS", "3"))
# One upload is short and the anchors are noisy (rclone's runs spread over 2x): more runs.
UPLOAD_RUNS = int(os.environ.get("UPLOAD_RUNS", "15"))
# The jail's cost on one upload is a difference of two noisy times of the same size:
# more rounds (each a jailed and an in-process upload, interleaved).
JAIL_UPLOAD_RUNS = int(os.environ.get("JAIL_UPLOAD_RUNS", "40"))
AK, SK = "benchkey", "benchsecret-0123456789"
# The avatar migrations measured by the `avatars` step (AVATARS=2000,100000 for both).
AVATARS = [int(n) for n in os.environ.get("AVATARS", "2000").split(",")]


def timed(cmd, env=None, stdout=subprocess.DEVNULL, cwd=None):
    start = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=stdout, stderr=subprocess.PIPE, check=True, cwd=cwd)
    return time.perf_counter() - start


def cpu_of(cmd, env=None):
    """CPU seconds (user + system) of `cmd` and every process it started and waited for."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measured(cmd, server, env=None):
    """Runs `cmd`; returns its wall seconds, the CPU seconds of it and every process it
    started and waited for, and the CPU seconds the S3 server's processes used meanwhile."""
    before, served = resource.getrusage(resource.RUSAGE_CHILDREN), server.cpu()
    start = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, server.cpu() - served


def stats(samples):
    return statistics.median(samples), min(samples), max(samples)


def fmt_s(t):
    return f"{t * 1000:.1f} ms" if t < 1 else f"{t:.2f} s"


class Bench:
    def __init__(self, data: Path):
        self.photos = sorted((data / "photos").glob("*.jpg"), key=lambda p: int(p.stem))[:200]
        assert len(self.photos) == 200, "expected 200 photos"
        self.tmp = Path(tempfile.mkdtemp(prefix="pfp-bench-"))
        self.server = bench_server.Server(self.tmp, AK, SK)
        self.port = self.server.port
        self.endpoint = self.server.endpoint
        self.rows = []
        # The targets, each with its figure from this run: (what, measured, goal, met).
        self.targets = []
        # The decoder jail against in-process decoding (--no-sandbox), same run.
        self.jail_rows = []
        # What the decoder's floor allows for each target, in words (printed after the table).
        self.bounds = []
        # Where the CPU of a bulk step goes, per file: (what, tool, tool's ms, server's ms,
        # files/s), of the step's median run. On two cores a rate is bounded by the CPU
        # that the tool and the server spend together on each file.
        self.cpu_rows = []
        self.env = dict(os.environ, MINIO_ENDPOINT=self.endpoint, MINIO_ACCESS_KEY=AK,
                        MINIO_SECRET_KEY=SK, NO_COLOR="1", **self.server.rclone_env())
        self.env.pop("AWS_CA_BUNDLE", None)
        self.pfp(["bucket", "init", "--wait", "30s", "--bucket", "bench"])

    def pfp(self, args, db=None, **kw):
        env = dict(self.env, DATABASE_URL=f"sqlite:{db or self.tmp / 'pfp.db'}")
        return subprocess.run([PFP, *args], env=env, check=True, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, **kw)

    def users_db(self, path: Path, count: int):
        """A pfp database with users 1..count (created by pfp, filled in bulk)."""
        self.pfp(["user", "import", "-"], db=path, input=b"email,nickname\n")
        con = sqlite3.connect(path)
        con.executemany(
            "INSERT INTO users (uuid, email, nickname, created_at, updated_at) VALUES (?, ?, ?, 'now', 'now')",
            ((f"00000000-0000-4000-8000-{i:012d}", f"u{i}@example.com", f"u{i}") for i in range(1, count + 1)))
        con.commit()
        con.close()
        return path

    @staticmethod
    def cache(paths):
        """Reads `paths` through, so that the timed command that follows finds them in
        the page cache, as every other tool of the step does."""
        for path in paths:
            with open(path, "rb") as f:
                while f.read(1 << 20):
                    pass

    def row(self, what, pfp_samples, anchors, targets):
        p = stats(pfp_samples)
        self.rows.append((what, p, anchors, targets))
        print(f"  {what}: pfp {fmt_s(p[0])}", file=sys.stderr)

    # 1. One upload, whole process.
    def upload_one(self):
        photo = self.photos[0]
        db = self.users_db(self.tmp / "one.db", UPLOAD_RUNS + 1)
        py = ("import sys; from minio import Minio; "
              f"c = Minio('127.0.0.1:{self.port}', access_key='{AK}', secret_key='{SK}', secure=False, region='us-east-1'); "
              "c.fput_object('bench', 'py/' + sys.argv[2] + '.jpg', sys.argv[1], content_type='image/jpeg')")
        commands = {
            "pfp": lambda i: ([PFP, "upload", "--bucket", "bench", "--user", str(i + 2), photo],
                              dict(self.env, DATABASE_URL=f"sqlite:{db}")),
            "rclone": lambda i: (["rclone", "copyto", photo, f"s3:bench/rclone/{i}.jpg"], self.env),
            "python": lambda i: ([sys.executable, "-c", py, photo, str(i)], self.env),
            # The decoder's floor for this one photo: libjpeg-turbo's DCT-scaled decode
            # alone, a whole process like the others. No tool that decodes it is faster.
            "djpeg": lambda i: (["djpeg", "-scale", "1/4", "-outfile", "/dev/null", photo], None),
        }
        # Interleaved, after one untimed warm-up round (i = -1), so that the machine's
        # slow and fast moments fall on every tool alike and the ratios stay fair.
        times = {name: [] for name in commands}
        for i in range(-1, UPLOAD_RUNS):
            for name, command in commands.items():
                cmd, env = command(i)
                t = timed(cmd, env=env)
                if i >= 0:
                    times[name].append(t)
        pfp_t, rclone_t, py_t, djpeg_t = (times[n] for n in ("pfp", "rclone", "python", "djpeg"))
        floor = "decode floor: djpeg -scale 1/4 of the same photo"
        self.row("upload one 12 MP JPEG (validate, resize, upload, DB, presign)", pfp_t,
                 [("rclone copyto (raw file)", stats(rclone_t)), ("Python minio fput_object (raw file)", stats(py_t)),
                  (floor, stats(djpeg_t))],
                 # The target is the floor's (issue 29): within 10 ms of it, below.
                 {})
        floor_t = statistics.median(djpeg_t)
        above = statistics.median(pfp_t) - floor_t
        self.targets.append(("one upload of a 12 MP photo, above the decode floor (djpeg -scale 1/4, same run)",
                             f"{above * 1000:+.1f} ms ({fmt_s(statistics.median(pfp_t))} vs {fmt_s(floor_t)})",
                             "<= 10 ms", above <= 0.010))
        for name, samples in (("rclone copyto", rclone_t), ("Python minio", py_t)):
            self.bounds.append(
                f"upload vs {name}: the decode floor alone is {floor_t / statistics.median(samples):.2f}x its time")

    # 2. Import of 200 photos.
    def import_200(self):
        template = self.users_db(self.tmp / "template200.db", 200)
        src = self.tmp / "import200"
        src.mkdir()
        for i, p in enumerate(self.photos, 1):
            os.link(p, src / f"{i}.jpg")
        # The decoder's floor: the same files through libjpeg-turbo's DCT-scaled decode
        # (what a 512 px output of a 12 MP photo needs), one after another; times the
        # number of cores, the decode-only ceiling of any tool on this machine.
        loop = 'for f in "$@"; do djpeg -scale 1/4 -outfile /dev/null "$f" || exit 1; done'
        # Round by round, every tool once, each after the photos were read into the page
        # cache: on these VMs the kernel's DAMON reclaim pages out what was not touched
        # for a minute (a `pageout` scheme, 12 aggregations of 5 s), so the tool that ran
        # first after a longer step read the 900 MB from disk, and the tools ran one after
        # another, all of pfp's runs first (in one run pfp's spread over 21.8-26.4 files/s
        # while the ceiling's, minutes later, held at 29.7-31.0).
        # (wall, CPU, server's CPU) of each run; vipsthumbnail's wall time only.
        pfp_m, rclone_m, djpeg_m, vips_t = [], [], [], []
        # Ceph RGW's OSD keeps objects in 4 GiB of RAM (scripts/rgw: memstore), and each
        # round's rclone copy stores the 900 MB again (a deletion frees it only after
        # RGW's garbage collection, hours later): more than three rounds fill it, and
        # rclone then retries for ever.
        runs = min(IMPORT_RUNS, 3) if bench_server.KIND == "rgw" else IMPORT_RUNS
        for run in range(runs):
            db = self.tmp / f"import{run}.db"
            shutil.copy(template, db)
            bucket = f"imp{run}"
            self.pfp(["bucket", "init", "--bucket", bucket], db=db)
            self.cache(self.photos)
            pfp_m.append(measured([PFP, "import", "--bucket", bucket, src], self.server,
                                  env=dict(self.env, DATABASE_URL=f"sqlite:{db}")))
            out = self.tmp / f"vips{run}"
            out.mkdir()
            self.cache(self.photos)
            vips_t.append(timed(["vipsthumbnail", *self.photos, "-s", "512x512", "-c",
                                 "-o", f"{out}/%s.jpg[Q=85]"]))
            self.cache(self.photos)
            rclone_m.append(measured(["rclone", "copy", src, f"s3:bench/rclone-copy-{run}"], self.server,
                                     env=self.env))
            self.cache(self.photos)
            djpeg_m.append(measured(["sh", "-c", loop, "sh", *self.photos], self.server))
        pfp_t, rclone_t, djpeg_t = ([m[0] for m in taken] for taken in (pfp_m, rclone_m, djpeg_m))
        cores = os.cpu_count()
        n = len(self.photos)
        for tool, samples in (("pfp import", pfp_m), ("djpeg -scale 1/4, one after another", djpeg_m),
                              ("rclone copy (raw files)", rclone_m)):
            self.cpu_per_file("import of 200 photos", tool, samples, n)
        ceiling = f"decode-only ceiling: djpeg -scale 1/4, one after another, x {cores} cores"
        self.rows.append(("import 200 photos (files/s)", tuple(n / t for t in stats(pfp_t)),
                          [(ceiling, tuple(cores * n / t for t in stats(djpeg_t))),
                           ("vipsthumbnail, one process (resize only)", tuple(n / t for t in stats(vips_t))),
                           ("rclone copy (raw files, no resize)", tuple(n / t for t in stats(rclone_t)))],
                          # The target is judged round by round, below.
                          {}))
        print(f"  import: pfp {n / statistics.median(pfp_t):.1f} files/s", file=sys.stderr)
        # Each round's pfp against the same round's ceiling, then the median of those:
        # the machine's speed moves between rounds (both spread by a quarter in one
        # run), and a pair run minutes apart shares it.
        rounds = [(n / p) / (cores * n / d) for p, d in zip(pfp_t, djpeg_t)]
        ratio = statistics.median(rounds)
        each = ", ".join(f"{r:.2f}" for r in rounds)
        self.targets.append(("import of 200 large photos, against the decode-only ceiling "
                             "(median of the rounds' ratios)",
                             f"{ratio:.2f}x (rounds {each}; medians {n / statistics.median(pfp_t):.1f} vs "
                             f"{cores * n / statistics.median(djpeg_t):.1f} files/s)", ">= 0.9x", ratio >= 0.9))

    # 3. export-urls for 100,000 users.
    def export_100k(self):
        db = self.users_db(self.tmp / "export.db", 100_000)
        default = self.tmp / "default.jpg"
        shutil.copy(self.photos[0], default)
        # A bucket of its own: "bench" is the store of upload_one's database, which a
        # database that records no store may not join without `pfp bucket claim`.
        self.pfp(["bucket", "init", "--bucket", "export"], db=db)
        self.pfp(["set-default", "--yes", "--bucket", "export", default], db=db)
        pfp_t = [timed([PFP, "export-urls", "--bucket", "export"], env=dict(self.env, DATABASE_URL=f"sqlite:{db}"))
                 for _ in range(RUNS)]
        py = ("from datetime import timedelta; from minio import Minio; "
              f"c = Minio('127.0.0.1:{self.port}', access_key='{AK}', secret_key='{SK}', secure=False, region='us-east-1')\n"
              "for i in range(100000): print(c.get_presigned_url('GET', 'bench', f'users/{i}/x.jpg', expires=timedelta(hours=1)))")
        py_t = [timed([sys.executable, "-c", py], env=self.env) for _ in range(max(1, RUNS // 2))]
        n = 100_000
        # Every user on the default picture: one key, each URL still signed. With a picture
        # of each user's own (a join that finds a row per user, longer keys) the same
        # export is about half as fast: `scripts/bench scale` measures that scenario.
        self.rows.append(("export-urls, 100,000 users on the default picture (URLs/s)", tuple(n / t for t in stats(pfp_t)),
                          [("Python minio get_presigned_url loop", tuple(n / t for t in stats(py_t)))],
                          {}))
        print(f"  export: pfp {n / statistics.median(pfp_t):,.0f} URLs/s", file=sys.stderr)
        rate = n / statistics.median(pfp_t)
        self.targets.append(("export-urls, 100,000 users on the default picture (each with a picture of its own: scripts/bench scale)",
                             f"{rate:,.0f} URLs/s", ">= 300,000 URLs/s",
                             rate >= 300_000))

    # 4. Start-up.
    def startup(self):
        subprocess.run(["hyperfine", "-N", "--warmup", "20", "--runs", "200", "--export-json",
                              self.tmp / "h.json", f"{PFP} --version"], capture_output=True, check=True)
        times = json.loads((self.tmp / "h.json").read_text())["results"][0]["times"]
        self.rows.append(("pfp --version start-up", stats(times), [], {"5 ms": (0.005, "abs")}))

    # 5. Peak RSS of import at 200 and 2,000 files.
    def rss(self):
        results = {}
        for count in (200, 2000):
            src = self.tmp / f"rss{count}"
            src.mkdir()
            for i in range(1, count + 1):
                os.link(self.photos[(i - 1) % len(self.photos)], src / f"{i}.jpg")
            db = self.users_db(self.tmp / f"rss{count}.db", count)
            bucket = f"rss{count}"
            self.pfp(["bucket", "init", "--bucket", bucket], db=db)
            res = subprocess.run(["/usr/bin/time", "-v", PFP, "import", "--bucket", bucket, src],
                                 env=dict(self.env, DATABASE_URL=f"sqlite:{db}"), capture_output=True, text=True)
            kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", res.stderr).group(1))
            results[count] = kb / 1024
            print(f"  peak RSS, {count} files: {kb / 1024:.1f} MiB", file=sys.stderr)
        self.rows.append(("import peak RSS, 200 vs 2,000 files (MiB)", (results[200],) * 3,
                          [("2,000 files", (results[2000],) * 3)], {"2,000 files": (1.2, "rss")}))

    # 6. The decoder jail's cost: each workload with the jail and with --no-sandbox,
    # interleaved so that both see the machine alike.
    def jail(self):
        photo = self.photos[0]
        db = self.users_db(self.tmp / "jail-one.db", 2 * JAIL_UPLOAD_RUNS + 6)
        env = dict(self.env, DATABASE_URL=f"sqlite:{db}")
        times = {"jail": [], "in-process": []}
        # A bucket of its own: the avatars step's rclone copies (100,000 objects) in `bench`
        # would make every upload's listing of `.pfp/` slow on s3s-fs, which walks the
        # whole bucket for a listing.
        self.pfp(["bucket", "init", "--bucket", "jail-upload"], db=db)
        modes = (("jail", []), ("in-process", ["--no-sandbox"]))
        for i in range(-1, JAIL_UPLOAD_RUNS):
            # Which goes first alternates (ABBA), so that neither always follows the other.
            for k, (name, extra) in enumerate(modes if i % 2 == 0 else modes[::-1]):
                user = str(2 * i + k + 4)
                t = timed([PFP, *extra, "upload", "--bucket", "jail-upload", "--user", user, photo],
                          env=env)
                if i >= 0:
                    times[name].append(t)
        j, n = statistics.median(times["jail"]), statistics.median(times["in-process"])
        self.jail_rows.append(("one upload of a 12 MP JPEG", fmt_s(j), fmt_s(n),
                               f"{(j - n) * 1000:+.1f} ms", "<= 2 ms", j - n <= 0.002))
        # Small avatars: many files, each decode short, so a process per file costs most.
        small = self.small_avatars()
        for label, src, count in (("import of 200 photos (12 MP)", None, 200),
                                  ("import of 1,000 96x96 avatars", small, 1000)):
            if src is None:
                src = self.tmp / "import200"
                if not src.exists():
                    src.mkdir()
                    for i, p in enumerate(self.photos, 1):
                        os.link(p, src / f"{i}.jpg")
            else:
                many = self.tmp / "small1000"
                many.mkdir()
                files = sorted(src.glob("*.jpg"))
                for i in range(1, count + 1):
                    os.link(files[(i - 1) % len(files)], many / f"{i}.jpg")
                src = many
            template = self.users_db(self.tmp / f"jail-template{count}.db", count)
            samples = {"jail": [], "in-process": []}
            inputs = sorted(src.glob("*.jpg"))
            for run in range(IMPORT_RUNS):
                # Which goes first alternates, and each reads its files from the page
                # cache (see `import_200`: the first run after the long avatar step read
                # them from disk, and the jailed run used to be the first every time).
                for name, extra in modes if run % 2 == 0 else modes[::-1]:
                    db = self.tmp / f"jail-{count}-{run}-{name}.db"
                    shutil.copy(template, db)
                    bucket = f"jail{count}-{run}-{'j' if name == 'jail' else 'n'}"
                    self.pfp(["bucket", "init", "--bucket", bucket], db=db)
                    self.cache(inputs)
                    samples[name].append(measured([PFP, *extra, "import", "--bucket", bucket, src],
                                                  self.server, env=dict(self.env, DATABASE_URL=f"sqlite:{db}")))
            rates = {name: [count / m[0] for m in taken] for name, taken in samples.items()}
            for name, extra in modes:
                self.cpu_per_file(label.replace("import", "jail step: import"),
                                  " ".join(["pfp", *extra, "import"]), samples[name], count)
            j, n = statistics.median(rates["jail"]), statistics.median(rates["in-process"])
            # The cost is judged run by run (each jailed run against the in-process run
            # beside it), then the median, as the photo import's target is.
            cost = statistics.median((nr - jr) / nr for jr, nr in zip(rates["jail"], rates["in-process"]))
            self.jail_rows.append((label, f"{j:.1f} files/s", f"{n:.1f} files/s",
                                   f"{cost * 100:+.1f}% slower", "<= 3%", cost <= 0.03))
        # The floor under a process per file: a bare fork, exit and wait of a process with
        # about the zygote's anonymous memory (examples/fork-floor), next to the CPU the
        # jail adds per file (the whole process tree's, `validate` of 200 avatars, jailed
        # minus --no-sandbox, interleaved): how far the jail is above what any fresh process
        # per file costs on this machine.
        files = sorted(small.glob("*.jpg"))[:200]
        cpu = {"jail": [], "in-process": []}
        for _ in range(RUNS):
            for name, extra in (("jail", []), ("in-process", ["--no-sandbox"])):
                cpu[name].append(cpu_of([PFP, *extra, "validate", *files], env=self.env))
        j, n = statistics.median(cpu["jail"]), statistics.median(cpu["in-process"])
        added = (j - n) / len(files)
        # The same with pfp's child filter installed by each child (as every jailed child
        # does): the floor of a process per file that confines itself.
        def fork_floor(*extra):
            return statistics.median(
                json.loads(subprocess.run([FORK_FLOOR, "2000", "1024", *extra], capture_output=True,
                                          text=True, check=True).stdout)["cpu_ms_per_process"] / 1000
                for _ in range(3))
        floor, filtered = fork_floor(), fork_floor("filter")
        self.jail_rows.append((f"CPU per 96x96 avatar, `validate` of {len(files)}",
                               f"{j / len(files) * 1000:.3f} ms", f"{n / len(files) * 1000:.3f} ms",
                               f"+{added * 1000:.3f} ms ({added / floor:.1f}x a bare fork+exit+wait: "
                               f"{floor * 1000:.3f} ms; {added / filtered:.1f}x one whose child installs "
                               f"the jail's filter: {filtered * 1000:.3f} ms)", "-", None))
        for row in self.jail_rows:
            print(f"  jail: {row[0]}: {row[1]} vs {row[2]} ({row[3]})", file=sys.stderr)

    def small_avatars(self):
        """The 200 photos as 96x96 JPEG avatars (made once per run)."""
        small = self.tmp / "small"
        if not small.exists():
            small.mkdir()
            subprocess.run(["vipsthumbnail", *self.photos, "-s", "96x96", "-c",
                            "-o", f"{small}/%s.jpg[Q=85]"], check=True)
        return small

    # 7. A legacy migration of many small avatars: pfp decodes, normalises, makes its
    # requests and commits per file; rclone copies the raw files, 8 transfers at once.
    def avatars(self):
        files = sorted(self.small_avatars().glob("*.jpg"))
        for count in AVATARS:
            src = self.tmp / f"avatars{count}"
            src.mkdir()
            for i in range(1, count + 1):
                os.link(files[(i - 1) % len(files)], src / f"{i}.jpg")
            template = self.users_db(self.tmp / f"avatars-template{count}.db", count)
            runs = IMPORT_RUNS if count <= 10_000 else 1
            pfp_m, rclone_m = [], []
            for run in range(runs):
                db = self.tmp / f"avatars-{count}-{run}.db"
                shutil.copy(template, db)
                bucket = f"av{count}-{run}"
                self.pfp(["bucket", "init", "--bucket", bucket], db=db)
                pfp_m.append(measured([PFP, "import", "--bucket", bucket, src], self.server,
                                      env=dict(self.env, DATABASE_URL=f"sqlite:{db}")))
                db.unlink()
                rclone_m.append(measured(["rclone", "copy", "--transfers", "8", src,
                                          f"s3:bench/rclone-av{count}-{run}"], self.server, env=self.env))
            pfp_rates, rclone_rates = ([count / m[0] for m in taken] for taken in (pfp_m, rclone_m))
            self.cpu_per_file(f"import of {count:,} 96x96 avatars", "pfp import", pfp_m, count)
            self.cpu_per_file(f"import of {count:,} 96x96 avatars", "rclone copy --transfers 8", rclone_m, count)
            p, r = stats(pfp_rates), stats(rclone_rates)
            what = f"import of {count:,} 96x96 avatars (files/s)"
            anchor = "rclone copy --transfers 8 (raw files)"
            self.rows.append((what, p, [(anchor, r)], {anchor: (1.0, "rate")}))
            self.targets.append((f"import of {count:,} 96x96 avatars, against rclone copy --transfers 8",
                                 f"{p[0] / r[0]:.2f}x ({p[0]:.0f} vs {r[0]:.0f} files/s)", ">= 1.0x",
                                 p[0] >= r[0]))
            print(f"  avatars {count}: pfp {p[0]:.0f} files/s, rclone {r[0]:.0f} files/s", file=sys.stderr)
            shutil.rmtree(src, ignore_errors=True)

    def cpu_per_file(self, what, tool, runs, files):
        """Records the median run's CPU per file: the tool's processes and the server's."""
        wall, cpu, served = sorted(runs)[len(runs) // 2]
        self.cpu_rows.append((what, tool, 1000 * cpu / files, 1000 * served / files, files / wall))

    def table(self):
        print("\n| measurement | pfp median (min-max) | anchor | anchor median (min-max) | ratio pfp/anchor | target | met |")
        print("|---|---|---|---|---|---|---|")
        for what, p, anchors, targets in self.rows:
            # Rates and sizes say so in their label; the rest are times.
            unit = (lambda v: f"{v:,.1f}") if ("/s)" in what or "MiB" in what) else fmt_s
            pcell = f"{unit(p[0])} ({unit(p[1])}-{unit(p[2])})"
            if not anchors:
                (label, (target, _)), = targets.items()
                met = p[0] <= target
                print(f"| {what} | {pcell} | - | - | - | < {label} | {'yes' if met else 'no'} |")
                continue
            for name, a in anchors:
                ratio = p[0] / a[0]
                acell = f"{unit(a[0])} ({unit(a[1])}-{unit(a[2])})"
                if name not in targets:
                    print(f"| {what} | {pcell} | {name} | {acell} | {ratio:.2f} | - | - |")
                    continue
                target, kind = targets[name]
                if kind == "time":
                    goal, met = f"<= {target}x", ratio <= target
                elif kind == "rate":
                    goal, met = f">= {target}x", ratio >= target
                else:
                    ratio = a[0] / p[0]
                    goal, met = f"2,000/200 <= {target}", ratio <= target
                print(f"| {what} | {pcell} | {name} | {acell} | {ratio:.2f} | {goal} | {'yes' if met else 'no'} |")
        if self.jail_rows:
            print("\n| decoder jail | jailed | --no-sandbox (in-process) | cost | target | met |")
            print("|---|---|---|---|---|---|")
            for what, j, n, cost, target, met in self.jail_rows:
                verdict = "-" if met is None else ("yes" if met else "no")
                print(f"| {what} | {j} | {n} | {cost} | {target} | {verdict} |")
        if self.targets:
            print(f"\n| target ({bench_server.KIND}) | measured | goal | met |")
            print("|---|---|---|---|")
            for what, measured, goal, met in self.targets:
                print(f"| {what} | {measured} | {goal} | {'yes' if met else 'no'} |")
        if self.cpu_rows:
            print(f"\n| CPU per file ({bench_server.KIND}, the median run) | tool | its processes | "
                  "the S3 server | together | files/s |")
            print("|---|---|---|---|---|---|")
            for what, tool, own, served, rate in self.cpu_rows:
                print(f"| {what} | {tool} | {own:.3f} ms | {served:.3f} ms | {own + served:.3f} ms | {rate:,.1f} |")
        if self.bounds:
            print("\nwhat the decoder's floor allows, same run:")
            for line in self.bounds:
                print(f"- {line}")

    def close(self):
        self.server.close()
        shutil.rmtree(self.tmp, ignore_errors=True)


def main():
    data = Path(sys.argv[1])
    b = Bench(data)
    try:
        cpu = subprocess.run(["sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"],
                             capture_output=True, text=True).stdout.strip()
        print(f"machine: {os.cpu_count()} cores, {cpu}", file=sys.stderr)
        steps = (b.startup, b.upload_one, b.export_100k, b.import_200, b.avatars, b.rss, b.jail)
        only = os.environ.get("BENCH_STEPS")  # e.g. BENCH_STEPS=upload_one,import_200
        for step in steps:
            if only and step.__name__ not in only.split(","):
                continue
            print(f"{step.__name__} ...", file=sys.stderr)
            step()
        print(f"\nmachine: {os.cpu_count()} cores, {cpu}; S3 server: {bench_server.describe()}; {RUNS} runs ({UPLOAD_RUNS} for the upload, "
              f"{IMPORT_RUNS} for import), median (min-max)")
        b.table()
    finally:
        b.close()


if __name__ == "__main__":
    main()
