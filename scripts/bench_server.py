"""The S3 server a benchmark runs against: `s3s-fs` (the test server, as the dev-server
example, one process) or `rgw` (Ceph RGW: a throwaway one-node cluster from scripts/rgw,
objects in RAM). Chosen with `scripts/bench --server s3s-fs|rgw` (BENCH_SERVER).
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV_SERVER = ROOT / "target/release/examples/dev-server"
KIND = os.environ.get("BENCH_SERVER", "s3s-fs")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def describe():
    if KIND == "rgw":
        version = subprocess.run(["ceph", "--version"], capture_output=True, text=True).stdout.split()
        return f"Ceph RGW {version[2] if len(version) > 2 else '?'} (one node, memstore) on loopback"
    return "s3s-fs 0.14 (the test server, one process) on loopback"


class Server:
    """One server for a whole benchmark run. `counts_lists` says whether it can report
    the LIST requests it served (s3s-fs counts them; RGW does not)."""

    def __init__(self, tmp: Path, ak: str, sk: str):
        self.tmp, self.ak, self.sk = tmp, ak, sk
        self.proc = None
        self.counts_lists = KIND == "s3s-fs"
        if KIND == "rgw":
            self.dir = tmp / "rgw"
            env = dict(os.environ, PFP_RGW_USERS=f"bench:{ak}:{sk}")
            out = subprocess.run([ROOT / "scripts/rgw", "start", self.dir], env=env,
                                 capture_output=True, text=True)
            if out.returncode != 0:
                sys.exit(f"Ceph RGW did not start:\n{out.stderr}")
            print(out.stderr.strip(), file=sys.stderr)
            self.endpoint = re.search(r"PFP_TEST_RGW_ENDPOINT=(\S+)", out.stdout).group(1)
            self.port = int(self.endpoint.rsplit(":", 1)[1])
        elif KIND == "s3s-fs":
            self.port = free_port()
            self.endpoint = f"http://127.0.0.1:{self.port}"
            self.data = tmp / "s3"
            self.start()
        else:
            sys.exit(f"--server {KIND}: expected s3s-fs or rgw")

    def start(self):
        self.proc = subprocess.Popen(
            [DEV_SERVER, "--port", str(self.port), "--data", self.data,
             "--access-key", self.ak, "--secret-key", self.sk],
            stderr=subprocess.PIPE, text=True)
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.1).close()
                return
            except OSError:
                time.sleep(0.05)
        sys.exit("the test server did not start")

    def stop(self) -> int:
        """Stops s3s-fs; returns the LIST requests it served (-1 when unknown)."""
        if self.proc is None:
            return -1
        self.proc.terminate()
        _, err = self.proc.communicate()
        self.proc = None
        found = re.search(r"stopped after serving (\d+) listing requests", err)
        return int(found.group(1)) if found else -1

    def lists_during(self, f):
        """Runs `f`; returns (f's result, LIST requests served meanwhile, or None)."""
        if not self.counts_lists:
            return f(), None
        self.stop()
        self.start()
        result = f()
        lists = self.stop()
        self.start()
        return result, lists

    def cpu(self) -> float:
        """CPU seconds (user + system, all threads) the server's processes have used: the
        test server's one process, or RGW's daemons (monitor, OSD, gateway) by their pid
        files."""
        if KIND == "rgw":
            pids = [f.read_text().strip() for f in (self.dir / "run").glob("*.pid")]
        else:
            pids = [str(self.proc.pid)] if self.proc else []
        ticks = 0
        for pid in pids:
            try:
                # Fields 14 and 15 (utime, stime) follow the command name in parentheses.
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            ticks += int(fields[11]) + int(fields[12])
        return ticks / os.sysconf("SC_CLK_TCK")

    def close(self):
        if KIND == "rgw":
            subprocess.run([ROOT / "scripts/rgw", "stop", self.dir], check=False)
        else:
            self.stop()

    def rclone_env(self):
        """rclone's remote `s3:` for this server."""
        return dict(RCLONE_CONFIG_S3_TYPE="s3",
                    RCLONE_CONFIG_S3_PROVIDER="Ceph" if KIND == "rgw" else "Other",
                    RCLONE_CONFIG_S3_ACCESS_KEY_ID=self.ak, RCLONE_CONFIG_S3_SECRET_ACCESS_KEY=self.sk,
                    RCLONE_CONFIG_S3_ENDPOINT=self.endpoint, RCLONE_CONFIG_S3_REGION="us-east-1")


def tidy(path: Path):
    shutil.rmtree(path, ignore_errors=True)
