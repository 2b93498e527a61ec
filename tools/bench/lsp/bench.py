#!/usr/bin/env python3
"""Latency of `hlabc lsp` on the real homelab/: didChange -> publishDiagnostics, completion
and hover. Not a test: it prints median and p95 per measurement.

Usage: tools/bench/lsp/bench.py [--hlabc build-rel/compiler/driver/hlabc] [--runs 50]
                                [--debounce 0] [--project homelab]

The server runs with `--debounce 0` by default, so the diagnostics time is the analysis
of the whole project plus the cross-reference checks, without the debounce (which the
editor-facing default adds: 150 ms after the last keystroke).
"""
import argparse, json, os, select, statistics, subprocess, sys, time

def frame(msg):
    body = json.dumps(msg).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body

class Client:
    def __init__(self, argv):
        self.p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.buf = b""
        self.next_id = 1

    def send(self, msg):
        self.p.stdin.write(frame(msg))
        self.p.stdin.flush()

    def read(self, timeout=30):
        deadline = time.monotonic() + timeout
        while True:
            head, sep, rest = self.buf.partition(b"\r\n\r\n")
            if sep:
                n = int(head.split(b":")[1])
                if len(rest) >= n:
                    self.buf = rest[n:]
                    return json.loads(rest[:n])
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.p.stdout], [], [], left)[0]:
                sys.exit("bench: no answer from the server")
            chunk = os.read(self.p.stdout.fileno(), 1 << 20)
            if not chunk:
                sys.exit("bench: the server closed its output")
            self.buf += chunk

    def request(self, method, params):
        rid = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        while True:
            m = self.read()
            if m.get("id") == rid:
                return m

    def wait_diagnostics(self, uri, version):
        while True:
            m = self.read()
            if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri \
                    and m["params"].get("version") == version:
                return m

def stats(name, samples):
    samples = sorted(samples)
    p95 = samples[min(len(samples) - 1, int(round(0.95 * (len(samples) - 1))))]
    print(f"{name:<34} median {statistics.median(samples):7.2f} ms   p95 {p95:7.2f} ms   (n={len(samples)})")

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--hlabc", default="build-rel/compiler/driver/hlabc")
    ap.add_argument("--runs", type=int, default=50)
    ap.add_argument("--debounce", default="0")
    ap.add_argument("--project", default="homelab")
    args = ap.parse_args()
    root = os.path.abspath(args.project)
    path = os.path.join(root, "critical.hlab")
    uri = "file://" + path
    text = open(path).read()
    lines = text.split("\n")
    # A use of the let `cilium_version` (hover) and an empty spot inside a record (completion).
    use_line = next(i for i, l in enumerate(lines) if "version = cilium_version" in l)
    use_char = lines[use_line].index("cilium_version") + 3
    rel_line = next(i for i, l in enumerate(lines) if l.startswith("helm_release cilium "))

    c = Client([args.hlabc, "lsp", "--debounce", args.debounce])
    c.request("initialize", {"rootUri": "file://" + root, "capabilities": {}})
    c.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    t = time.perf_counter()
    c.send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
            "params": {"textDocument": {"uri": uri, "languageId": "hlab", "version": 1, "text": text}}})
    c.wait_diagnostics(uri, 1)
    print(f"first analysis after didOpen: {(time.perf_counter() - t) * 1000:.1f} ms")

    # didChange: type a character into a comment at the top and take it away again.
    diag = []
    for v in range(2, 2 + args.runs):
        change = {"range": {"start": {"line": 0, "character": 1}, "end": {"line": 0, "character": 1}}, "text": "x"} \
            if v % 2 == 0 else \
            {"range": {"start": {"line": 0, "character": 1}, "end": {"line": 0, "character": 2}}, "text": ""}
        t = time.perf_counter()
        c.send({"jsonrpc": "2.0", "method": "textDocument/didChange",
                "params": {"textDocument": {"uri": uri, "version": v}, "contentChanges": [change]}})
        c.wait_diagnostics(uri, v)
        diag.append((time.perf_counter() - t) * 1000)

    hover, completion = [], []
    for _ in range(args.runs):
        t = time.perf_counter()
        r = c.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": use_line, "character": use_char}})
        hover.append((time.perf_counter() - t) * 1000)
        assert r.get("result"), r
        t = time.perf_counter()
        r = c.request("textDocument/completion", {"textDocument": {"uri": uri}, "position": {"line": rel_line + 1, "character": 2}})
        completion.append((time.perf_counter() - t) * 1000)
        assert r["result"]["items"], r
    c.request("shutdown", None)
    c.send({"jsonrpc": "2.0", "method": "exit"})
    c.p.wait(timeout=10)

    print(f"project: {root}, debounce: {args.debounce} ms (excluded)")
    stats("didChange -> publishDiagnostics", diag)
    stats("hover", hover)
    stats("completion", completion)

if __name__ == "__main__":
    main()
