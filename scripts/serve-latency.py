#!/usr/bin/env python3
"""Edit-to-view latency of `folio serve`, as a browser sees it.

    scripts/serve-latency.py [--folio PATH] [--edits N] [--pages P]

Writes a report of about P print pages (default 20; its deck has a few dozen slides) to
a temporary folder, starts `folio serve` on it, listens to its events stream as a page
does, then saves N edits (default 40), each a changed sentence in the middle of the
report, written to a temporary file and renamed over the report as editors do. For each
it times, from the save:

  * rebuilt: the event saying the new build is ready (print + slides rebuilt, SVG pages
    made, in the running server with its caches warm);
  * shown:   that, plus the state the page fetches and the SVG of the page being read.

Prints the median and 95th percentile of both. The first 3 edits warm up and are not
counted. As a baseline measured in the same run: `folio build` of the same report (print
PDF, slides PDF, notes; a fresh process, so nothing is cached), median of 5. Needs only python3. Default binary: target/release/folio if built, else
target/debug/folio (which has optimised dependencies but an unoptimised Folio).
"""

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time

PARAGRAPH = (
    "Section {s}, paragraph {p}: throughput at the northern terminal rose again this "
    "quarter, while waiting times at the berths fell; the energy bill, the second cost "
    "after labour, depends on a contract renegotiated in March, and the yard keeps a "
    "buffer of empty slots so that a storm week costs hours rather than days."
)


def report(pages):
    """A Markdown report of about `pages` A4 pages: sections, paragraphs, lists, tables."""
    parts = ["---\ntitle: Latency Check\nauthor: Folio\ndate: 2025-11-03\n---\n"]
    for s in range(1, round(pages * 1.45) + 1):
        parts.append(f"# Section {s}\n")
        for p in range(1, 5):
            parts.append(PARAGRAPH.format(s=s, p=p) + "\n")
        parts.append("- first point of the section\n- second point, a little longer\n")
        parts.append("| Item | Value |\n|---|---:|\n| Cranes | 12 |\n| Berths | 7 |\n")
    return "\n".join(parts)


def save(path, text):
    """Writes `text` to a temporary file beside `path` and renames it over `path`."""
    temporary = path + ".tmp"
    with open(temporary, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(temporary, path)


class Events:
    """The server's event stream, read line by line from a raw socket."""

    def __init__(self, host, port):
        self.sock = socket.create_connection((host, port))
        request = f"GET /events HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n"
        self.sock.sendall(request.encode())
        self.file = self.sock.makefile("rb")
        while self.file.readline() not in (b"\r\n", b""):
            pass

    def next_event(self):
        while True:
            line = self.file.readline()
            if not line:
                raise RuntimeError("the event stream closed")
            if line.startswith(b"data: "):
                return json.loads(line[6:])


def fetch(host, port, path):
    connection = http.client.HTTPConnection(host, port)
    connection.request("GET", path, headers={"Host": f"{host}:{port}"})
    body = connection.getresponse().read()
    connection.close()
    return body


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--folio")
    parser.add_argument("--edits", type=int, default=40)
    parser.add_argument("--pages", type=int, default=20)
    args = parser.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    folio = args.folio or next(
        p for p in (f"{root}/target/release/folio", f"{root}/target/debug/folio")
        if os.path.exists(p))
    work = tempfile.mkdtemp()
    path = os.path.join(work, "report.md")
    text = report(args.pages)
    save(path, text)
    server = subprocess.Popen([folio, "serve", "--port", "0", path],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        url = server.stdout.readline().split()[-1]
        host, port = url[len("http://"):].rstrip("/").split(":")
        port = int(port)
        state = json.loads(fetch(host, port, "/r/0/state"))
        reading = max(1, state["report_pages"] // 2)
        events = Events(host, port)
        rebuilt, shown = [], []
        for n in range(args.edits + 3):
            edited = text.replace("paragraph 2: throughput", f"paragraph 2 (edit {n}): throughput", 1)
            start = time.perf_counter()
            save(path, edited)
            while events.next_event()["id"] != 0:
                pass
            built = time.perf_counter()
            state = json.loads(fetch(host, port, "/r/0/state"))
            fetch(host, port, f"/r/0/report/{reading}.svg?v={state['version']}")
            done = time.perf_counter()
            if n >= 3:
                rebuilt.append((built - start) * 1000)
                shown.append((done - start) * 1000)
        builds = []
        for _ in range(5):
            start = time.perf_counter()
            subprocess.run([folio, "build", "-q", "--force", path, "-o", os.path.join(work, "out")],
                           check=True)
            builds.append((time.perf_counter() - start) * 1000)
        baseline = statistics.median(builds)
        print(f"folio: {folio}")
        print(f"report: {state['report_pages']} print pages, {state['slide_pages']} slides; "
              f"{args.edits} edits")
        for name, values in (("rebuilt", rebuilt), ("shown", shown)):
            median = statistics.median(values)
            print(f"{name:8} median {median:6.1f} ms   p95 {percentile(values, 0.95):6.1f} ms   "
                  f"({median / baseline:.2f} of a cold build)")
        print(f"baseline: folio build of the same report, median {baseline:.1f} ms")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    sys.exit(main())
