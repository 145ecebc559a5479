"""Hostile pictures against the budget the README states: every file, accepted or not,
costs at most about 2 s of one core and 512 MB with a release build. Run through
`scripts/bench hostile`, which builds pfp and writes the files first.

For each file: pfp validate's verdict, its CPU time (user + system, from wait4) and its
peak memory (VmHWM of its own address space, polled until it exits).
"""

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

CPU_BUDGET_S = 2.0
MEMORY_BUDGET_MIB = 512


def measure(pfp, path):
    child = subprocess.Popen(
        [str(pfp), "validate", "--json", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env={"HOME": "/nonexistent", "PATH": "/usr/bin:/bin"},
    )
    peak = [0]

    def watch():
        status = f"/proc/{child.pid}/status"
        while True:
            try:
                text = open(status).read()
            except OSError:
                return
            hwm = [l for l in text.splitlines() if l.startswith("VmHWM:")]
            if not hwm:
                return
            peak[0] = max(peak[0], int(hwm[0].split()[1]) * 1024)

    watcher = threading.Thread(target=watch)
    watcher.start()
    out = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    watcher.join()
    verdict = json.loads(out.decode().splitlines()[0])
    return (
        os.waitstatus_to_exitcode(status),
        verdict.get("rule", "accepted"),
        usage.ru_utime + usage.ru_stime,
        peak[0] / (1 << 20),
    )


def main():
    pfp, folder = Path(sys.argv[1]), Path(sys.argv[2])
    print(f"budget: {CPU_BUDGET_S} s of CPU, {MEMORY_BUDGET_MIB} MiB (release build)\n")
    print("| file | size | exit | verdict | CPU s | peak MiB | within budget |")
    print("|---|---|---|---|---|---|---|")
    over = 0
    for path in sorted(folder.iterdir()):
        code, verdict, cpu, peak = measure(pfp, path)
        ok = cpu <= CPU_BUDGET_S and peak <= MEMORY_BUDGET_MIB
        over += not ok
        size = path.stat().st_size
        print(f"| {path.name} | {size:,} B | {code} | {verdict} | {cpu:.2f} | {peak:.0f} | {'yes' if ok else 'NO'} |")
    sys.exit(1 if over else 0)


if __name__ == "__main__":
    main()
