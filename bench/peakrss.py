#!/usr/bin/env python3
"""Runs a command and reports the peak resident memory of it and of each process it starts.

    bench/peakrss.py --json OUT.json -- indigate poll --config …

Every few milliseconds it reads VmHWM (the kernel's own high-water mark of resident memory,
so a peak between two samples is not missed while the process lives) from /proc/PID/status for
the command and all its descendants (found through /proc/PID/task/*/children). A process is
named by its command line, so indigate's parse worker shows as `indigate parse-worker`.
The command's own exit status is this script's; its output goes where this script's goes.

The JSON holds {"exit": N, "seconds": S, "processes": [{"pid", "command", "peak_kib"}],
"tree_peak_kib": N} where tree_peak_kib is the wait4() maximum (as /usr/bin/time -v reports:
the largest of the command and the children it waited for).
"""

import argparse
import json
import os
import subprocess
import sys
import time


def children(pid):
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                found += [int(p) for p in f.read().split()]
    except OSError:
        pass
    return found


def hwm_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def command_line(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            parts = f.read().split(b"\0")
        return " ".join(os.path.basename(p.decode()) if i == 0 else p.decode() for i, p in enumerate(parts[:3]) if p)
    except OSError:
        return "?"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", required=True, help="where to write the result")
    parser.add_argument("--interval", type=float, default=0.002, help="seconds between samples (default 0.002)")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command")

    started = time.time()
    process = subprocess.Popen(command)
    peaks = {}  # pid -> (command line, peak KiB)
    status = None
    while status is None:
        stack = [process.pid]
        while stack:
            pid = stack.pop()
            peak = hwm_kib(pid)
            name = command_line(pid)
            if peak is not None and name:
                # A new command line (the exec after the fork) starts a new high-water mark.
                previous = peaks.get(pid)
                peaks[pid] = (name, max(peak, previous[1]) if previous and previous[0] == name else peak)
            stack += children(pid)
        waited = os.wait4(process.pid, os.WNOHANG)
        if waited[0] == process.pid:
            status, usage = waited[1], waited[2]
            process.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not wait again
        time.sleep(args.interval)
    seconds = time.time() - started
    code = os.waitstatus_to_exitcode(status)
    result = {
        "exit": code,
        "seconds": round(seconds, 3),
        "processes": [{"pid": pid, "command": name, "peak_kib": peak} for pid, (name, peak) in sorted(peaks.items())],
        "tree_peak_kib": usage.ru_maxrss,
    }
    with open(args.json, "w") as f:
        json.dump(result, f, indent=1)
    sys.exit(code)


if __name__ == "__main__":
    main()
