#!/usr/bin/env python3
"""Writes BENCHMARKS.md from what bench/run.sh recorded in its work folder.

    bench/report.py --work /tmp/indigate-bench-full --out BENCHMARKS.md

Reads WORK/results.tsv (one fact a line: time, mem, cmd, meta, check, report, problem),
WORK/corpus.json (bench/corpus.py --summary), WORK/letters.json (bench/letters.py) and
WORK/big/corpus.json. Every figure is the median of the runs with (min–max).
"""

import argparse
import json
import os
import statistics
from collections import defaultdict


def load(work):
    facts = defaultdict(list)
    with open(os.path.join(work, "results.tsv"), encoding="utf-8") as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            facts[fields[0]].append(fields[1:])

    def js(name):
        path = os.path.join(work, name)
        return json.load(open(path, encoding="utf-8")) if os.path.exists(path) else None

    return facts, js("corpus.json"), js("letters.json"), js("big/corpus.json")


def spread(values, fmt="{:.2f}"):
    """median (min–max), or the one value."""
    if not values:
        return "—"
    med = statistics.median(values)
    if len(values) == 1:
        return fmt.format(med)
    return f"{fmt.format(med)} ({fmt.format(min(values))}–{fmt.format(max(values))})"


def num(n):
    return f"{n:,}".replace(",", " ")


def ratio_text(ours, peer, unit="throughput"):
    if not ours or not peer:
        return "—"
    r = ours / peer
    if r >= 1:
        return f"**{r:.2f}×** (indigate {r:.1f}× faster)"
    return f"**{r:.2f}×** (peer {1 / r:.1f}× faster)"


class Report:
    def __init__(self, work):
        self.work = work
        self.facts, self.corpus, self.letters, self.big = load(work)
        self.meta = {k: v for k, v in self.facts["meta"]}
        self.times = defaultdict(list)  # (measure, subject) -> [(run, seconds, items)]
        for measure, subject, run, seconds, items in self.facts["time"]:
            self.times[(measure, subject)].append((int(run), float(seconds), int(items)))
        self.cpu = defaultdict(list)  # (measure, subject) -> [CPU seconds of the command's processes]
        for measure, subject, run, seconds in self.facts["cpu"]:
            self.cpu[(measure, subject)].append(float(seconds))
        self.commands = defaultdict(list)
        for measure, subject, command in self.facts["cmd"]:
            self.commands[measure].append((subject, command))
        self.checks = defaultdict(list)
        for measure, text in self.facts["check"]:
            self.checks[measure].append(text)
        self.lines = []

    def out(self, *lines):
        self.lines += lines

    def seconds(self, measure, subject):
        return [s for _, s, _ in sorted(self.times.get((measure, subject), []))]

    def rates(self, measure, subject):
        return [i / s for _, s, i in sorted(self.times.get((measure, subject), [])) if s > 0]

    def median_rate(self, measure, subject):
        r = self.rates(measure, subject)
        return statistics.median(r) if r else None

    def commands_block(self, measure):
        if not self.commands.get(measure):
            return
        self.out("", "Commands (first run; later runs differ only in the run folder):", "", "```sh")
        for subject, command in self.commands[measure]:
            self.out(f"# {subject}", command)
        self.out("```")

    def checks_block(self, measure):
        if self.checks.get(measure):
            self.out("", "Checked after each run:", "")
            self.out(*[f"- {c}" for c in self.checks[measure]])

    # ------------------------------------------------------------------------------------------

    def header(self):
        m = self.meta
        self.out(
            "# Benchmarks",
            "",
            f"Written by `bench/run.sh` (`make bench`) on {m.get('date', '?')}: {m.get('size', '?')} size, "
            f"{m.get('runs', '?')} run(s) per measurement, each figure the **median (min–max)** of the runs. "
            "Every run starts from fresh state (a copy of the template database and secret, an untouched "
            "copy of the corpus); each timed command follows a `sync`. The page cache is warm: the corpus "
            "is generated just before and fits in memory many times over. "
            f"Duration of the whole run: {m.get('duration', '?')}.",
            "",
            "## Machine",
            "",
            "| | |",
            "|---|---|",
            f"| CPU | {m.get('cpu', '?')}, {m.get('cores', '?')} cores |",
            f"| memory | {m.get('memory', '?')} |",
            f"| OS | {m.get('os', '?')} |",
        )
        for key in sorted(k for k in m if k.startswith("disk ")):
            self.out(f"| {key[5:]} | {m[key]} |")
        self.out(
            f"| indigate | {m.get('indigate', '?')} |",
            f"| build | `{m.get('build', '?')}` |",
            f"| work folder | {m.get('work folder', '?')} |",
            f"| repository | {m.get('repository', '?')} |",
            f"| peers | {m.get('notmuch', '?')}; {m.get('mu', '?')}; {m.get('postfix', '?')} |",
            f"| tools | {m.get('qpdf', '?')}; {m.get('python', '?')} |",
        )

    def load(self):
        """The 1-minute load average before each timed command: anything else running shows here."""
        busy = [(int(f[3]), int(f[4])) for f in self.facts["busy"]]
        if busy:
            waited = sum(w for _, w in busy)
            self.out("", f"CPU use of the whole machine in the second before each timed command (`--wait-quiet`): "
                         f"{spread([b for b, _ in busy], '{:.0f}')} %; waited {waited} s in all for it to be idle.")
        loads = [float(f[3]) for f in self.facts["load"] if f[3]]
        if loads:
            busy = sum(1 for x in loads if x > 1.0)
            self.out("", f"Load average (1 min) just before the {len(loads)} timed commands: "
                         f"{spread(loads, '{:.2f}')}" + (f"; {busy} of them above 1.0 — something else was using "
                                                         "the 2 cores, so those runs are pessimistic." if busy else "."))

    def summary(self):
        self.out("", "## Summary", "",
                 "Throughput ratio = indigate's median ÷ the peer's median (above 1: indigate is faster).", "",
                 "| measurement | indigate | peer | peer's figure | ratio |", "|---|---|---|---|---|")
        if ("ingest", "indigate") in self.times:
            ours = self.median_rate("ingest", "indigate")
            for peer in ("notmuch", "mu"):
                self.out(f"| ingest, replies/s | {spread(self.rates('ingest', 'indigate'), '{:.1f}')} | {peer} | "
                         f"{spread(self.rates('ingest', peer), '{:.1f}')} | {ratio_text(ours, self.median_rate('ingest', peer))} |")
        if ("send", "indigate") in self.times:
            self.out(f"| send, letters/s | {spread(self.rates('send', 'indigate'), '{:.1f}')} | smtp-source | "
                     f"{spread(self.rates('send', 'smtp-source'), '{:.1f}')} | "
                     f"{ratio_text(self.median_rate('send', 'indigate'), self.median_rate('send', 'smtp-source'))} |")
        reports = self.report_timings()
        digest = next((v for k, v in reports.items() if k.startswith("the regional coordinator's digest")), None)
        if digest:
            self.out(f"| reports: the regional digest, s | {spread(digest, '{:.3f}')} | — | — | — |")
        for variant in ("shipped", "stored"):
            mem = self.memory(f"big-{variant}")
            if mem:
                attachment = int(self.meta.get("big_attachment", "0"))
                worst = max((statistics.median(v) for v in mem.values()), default=0) * 1024
                label = "limits as shipped" if variant == "shipped" else "document stored"
                self.out(f"| big message ({label}): highest peak RSS ÷ attachment | "
                         f"{worst / attachment:.1f}× | goal | ≤ 4× | {'met' if worst <= 4 * attachment else '**not met**'} |")

    def ingest(self):
        if ("ingest", "indigate") not in self.times:
            return
        c = self.corpus or {}
        self.out("", "## Ingest: replies read, recorded and answered", "")
        if c:
            styles = ", ".join(f"{k} {v}" for k, v in sorted(c.get("styles", {}).items()))
            self.out(
                f"The corpus (`bench/corpus.py`): **{num(c['replies'])} replies** to {num(c['letters'])} request letters "
                f"({num(c['corrections'])} of them corrections), {num(c['values'])} values, {num(c['pdfs'])} with a PDF "
                f"of 100–300 KB; **{c['bytes'] / 1e6:.1f} MB** in all, written in {c.get('seconds', '?')} s. "
                f"Client styles: {styles}.",
                "")
        self.out(
            "indigate: `poll` with the shipped configuration (isolated parse worker, `limits.batch` 200) until "
            "`new/` is empty — it archives each message (the corpus is written 0600, as an MDA delivers, so each "
            "is kept as its delivered file, a hard link under `indigate.sqlite-files/`), parses it (GMime, qpdf "
            "for each PDF), classifies, "
            "records the values and documents in SQLite (WAL, `synchronous=FULL`), queues a receipt, and "
            "moves the message to `cur/`. notmuch and mu index the same messages in the same Maildir copy "
            "(before indigate moves them), each with a fresh database.",
            "",
            "| | seconds | replies/s | CPU seconds (user+sys) | indigate ÷ peer (throughput) |",
            "|---|---|---|---|---|")
        ours = self.median_rate("ingest", "indigate")
        for subject in ("indigate", "notmuch", "mu"):
            if ("ingest", subject) in self.times:
                ratio = "—" if subject == "indigate" else ratio_text(ours, self.median_rate("ingest", subject))
                self.out(f"| {subject} | {spread(self.seconds('ingest', subject))} | "
                         f"{spread(self.rates('ingest', subject), '{:.1f}')} | "
                         f"{spread(self.cpu.get(('ingest', subject), []))} | {ratio} |")
        self.out("", "CPU seconds: user+sys of the command and of the processes it waited for (indigate's parse "
                     "worker included); below the wall-clock time, the rest is waiting — for the disk (fsync) or "
                     "for the other process.")
        rss = [int(f[3]) / 1024 for f in self.facts["rss"] if f[0] == "ingest" and f[3]]
        if rss:
            self.out("", f"Peak RSS of a `poll` pass (`/usr/bin/time -f %M`: its largest process, the daemon itself): "
                         f"{spread(rss, '{:.0f}')} MiB.")
        self.runs_table("ingest", ("indigate", "notmuch", "mu"))
        self.commands_block("ingest")
        self.checks_block("ingest")

    def runs_table(self, measure, subjects):
        present = [s for s in subjects if (measure, s) in self.times]
        runs = sorted({r for s in present for r, _, _ in self.times[(measure, s)]})
        if len(runs) < 2:
            return
        self.out("", "Every run, seconds:", "", "| run | " + " | ".join(present) + " |",
                 "|---|" + "---|" * len(present))
        for run in runs:
            cells = []
            for s in present:
                value = next((sec for r, sec, _ in self.times[(measure, s)] if r == run), None)
                cells.append("—" if value is None else f"{value:.2f}")
            self.out(f"| {run} | " + " | ".join(cells) + " |")

    def send(self):
        if ("send", "indigate") not in self.times:
            return
        L = self.letters or {}
        self.out("", "## Send: the round's request letters over SMTP", "")
        if L:
            self.out(
                f"The letters: {num(L['count'])} request letters, **mean {num(L['mean_bytes'])} bytes** "
                f"(median {num(L['median_bytes'])}, {num(L['min_bytes'])}–{num(L['max_bytes'])}), "
                f"{L['line_endings'].get('CRLF', 0)} of {L['sample']} sampled with CRLF line endings; "
                f"headers {num(L['mean_header_bytes'])} bytes on average. Their parts (sample of {L['sample']}):",
                "",
                "| part | charset | Content-Transfer-Encoding | in letters | mean encoded bytes | mean decoded bytes | encoded ÷ decoded |",
                "|---|---|---|---|---|---|---|")
            for p in L["parts"]:
                grow = p["mean_encoded_bytes"] / p["mean_decoded_bytes"] if p["mean_decoded_bytes"] else 0
                self.out(f"| {p['content_type']} | {p['charset'] or '—'} | {p['encoding']} | {p['in_letters']} | "
                         f"{num(p['mean_encoded_bytes'])} | {num(p['mean_decoded_bytes'])} | {grow:.2f} |")
            self.out("")
        self.out(
            "indigate: `flush` of all letters queued by `round open`, to `smtp-sink` on loopback (no TLS, no "
            "login); each batch of `limits.batch` (200) letters dealt to `outbox.connections` (2) SMTP sessions "
            "side by side, results committed as the server answers, up to 16 in one commit (a kill resends at "
            "most those; each batch is synced before the next). smtp-source: the same number of messages of the "
            "letters' mean size over "
            f"one connection (`-s 1 -d`) to the same sink (`{self.meta.get('sink', 'smtp-sink')}`).",
            "",
            "| | seconds | letters/s | CPU seconds (user+sys) | indigate ÷ peer (throughput) |",
            "|---|---|---|---|---|")
        ours = self.median_rate("send", "indigate")
        for subject in ("indigate", "smtp-source"):
            if ("send", subject) in self.times:
                ratio = "—" if subject == "indigate" else ratio_text(ours, self.median_rate("send", subject))
                self.out(f"| {subject} | {spread(self.seconds('send', subject))} | "
                         f"{spread(self.rates('send', subject), '{:.1f}')} | "
                         f"{spread(self.cpu.get(('send', subject), []))} | {ratio} |")
        self.out("", "smtp-sink's own CPU is not in these figures (it is not the command's child).")
        self.runs_table("send", ("indigate", "smtp-source"))
        self.commands_block("send")
        self.checks_block("send")

    def report_timings(self):
        timings = defaultdict(list)
        for run, name, seconds in self.facts["report"]:
            timings[name].append(float(seconds))
        return timings

    def reports(self):
        timings = self.report_timings()
        if not timings:
            return
        self.out("", "## Reports (`indigate bench`)", "",
                 "indigate's own benchmark: it generates a region in a fresh database (not a report: its time is "
                 "shown for completeness) and times the coordinators' reports over it. No peer.", "",
                 "| step | seconds |", "|---|---|")
        for name, values in timings.items():
            self.out(f"| {name} | {spread(values, '{:.3f}')} |")
        rss = [int(v) for _, _, _, v in (f for f in self.facts["mem"] if f[0] == "reports") if v]
        if rss:
            self.out("", f"Peak RSS of the process (`/usr/bin/time -v`): {spread([r / 1024 for r in rss], '{:.0f}')} MiB.")
        self.commands_block("reports")

    def memory(self, measure):
        mem = defaultdict(list)
        for m, process, run, kib in self.facts["mem"]:
            if m == measure and kib:
                mem[process].append(int(kib))
        return mem

    def big_message(self):
        attachment = int(self.meta.get("big_attachment", "0") or 0)
        if not attachment:
            return
        message = int(self.meta.get("big_message", "0") or 0)
        self.out("", "## Big message: one reply with a large PDF", "",
                 f"One Thunderbird-style reply carrying a valid PDF of **{num(attachment)} bytes** "
                 f"(the message: {num(message)} bytes, base64) through `poll` with the isolated parser. Peak "
                 "resident memory per process: VmHWM from /proc, sampled every 2 ms by `bench/peakrss.py`; "
                 "the tree figure is the wait4() maximum that `/usr/bin/time -v` reports. Goal: no process above "
                 "4× the attachment.", "")
        for variant in ("shipped", "stored"):
            mem = self.memory(f"big-{variant}")
            if not mem:
                continue
            title = ("As shipped (`limits.document_bytes` 20 MiB: parsed and checked with qpdf, then refused in "
                     "the receipt as too large)" if variant == "shipped" else
                     "`limits.document_bytes` raised above the attachment (the document is also stored)")
            self.out(f"**{title}** — poll {spread(self.seconds(f'big-{variant}', 'indigate'))} s", "",
                     "| process | peak RSS, MiB | ÷ attachment | ÷ message | ≤ 4× attachment |", "|---|---|---|---|---|")
            for process, values in sorted(mem.items()):
                med = statistics.median(values) * 1024
                self.out(f"| {process} | {spread([v / 1024 for v in values], '{:.1f}')} | {med / attachment:.2f}× | "
                         f"{med / message:.2f}× | {'yes' if med <= 4 * attachment else '**no**'} |")
            self.out("")
        self.commands_block("big-shipped")
        checks = [f"{c} (shipped)" for c in self.checks.get("big-shipped", [])] + \
                 [f"{c} (stored)" for c in self.checks.get("big-stored", [])]
        if checks:
            self.out("", "Checked after each run:", "", *[f"- {c}" for c in checks])

    def micro(self):
        path = os.path.join(self.work, "micro", "tables.md")
        if not os.path.exists(path):
            return
        tables = open(path, encoding="utf-8").read()
        # From the first benchmark's heading on: the host lines above it are in this report's header.
        start = tables.find("### ")
        self.out("", "## Micro benchmarks: the hot path (`Benchmarks/HotPath`)", "",
                 "ordo-one/benchmark in release, up to 3 s or 2,000 iterations each after 10 warm-up ones: one "
                 "Thunderbird-style reply (text and HTML, values for every indicator the school was asked, the "
                 "request quoted) parsed by GMime and interpreted, and its receipt rendered and composed (from "
                 "the reply's plan). Allocations are counted by the MallocInterposer trait; "
                 "they are the regression guard, as they do not depend on the machine's load.", "")
        self.out(*(tables[start:].rstrip().splitlines() if start >= 0 else ["(no tables)"]))
        self.commands_block("micro")

    def preparation(self):
        if self.commands.get("prepare"):
            self.out("", "## Preparation (not timed)", "",
                     "The template installation, made once per `run.sh`: a generated region, `init`, `round open`, "
                     "`flush` to a Maildir (the request letters), and the corpus of replies to those letters.")
            self.commands_block("prepare")

    def problems(self):
        problems = [p[0] for p in self.facts["problem"]]
        if problems:
            self.out("", "## Problems seen during this run", "", *[f"- {p}" for p in problems])

    def write(self, path):
        self.header()
        self.load()
        self.summary()
        self.ingest()
        self.send()
        self.reports()
        self.big_message()
        self.micro()
        self.preparation()
        self.problems()
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(self.lines) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    Report(args.work).write(args.out)


if __name__ == "__main__":
    main()
