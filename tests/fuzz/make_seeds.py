#!/usr/bin/env python3
"""Writes the seed inputs of the fuzz targets from the repository's .hlab sources.

usage: make_seeds.py OUT_DIR

OUT_DIR/syntax/ gets every .hlab file of homelab/, stdlib/ and tests/cases/ as it is (seeds of
fuzz_scanner and fuzz_parser). OUT_DIR/check/ gets inputs of fuzz_check, in the golden case
format: each test case as it is, each stdlib module as main.hlab, each homelab file with the
homelab's lib/ modules, and the whole homelab without comments (to stay below 64 KiB).
OUT_DIR/lsp_frames/ gets the messages of the language-server transcripts (tests/lsp/cases)
as framed streams, behind the byte that picks the chunk size, plus framing mistakes.
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]


def hlab_files(folder):
    return sorted(p for p in (ROOT / folder).rglob("*.hlab") if p.is_file())


def write(out, name, text):
    out.mkdir(parents=True, exist_ok=True)
    (out / name).write_text(text, encoding="utf-8")


def uncommented(text):
    """Drops comment lines and blank lines; keeps the rest byte for byte."""
    keep = [line for line in text.splitlines(keepends=True)
            if line.strip() and not re.match(r"\s*(#|//)", line)]
    return "".join(keep)


def project(files):
    """A case-format input: an empty main.hlab, then one `# --- path` part per file."""
    parts = ["# seed\n"]
    for rel, text in files:
        parts.append(f"# --- {rel}\n{text if text.endswith(chr(10)) else text + chr(10)}")
    return "".join(parts)


def main():
    out = pathlib.Path(sys.argv[1])
    for folder in ("homelab", "stdlib", "tests/cases"):
        for p in hlab_files(folder):
            name = str(p.relative_to(ROOT)).replace("/", "_")
            write(out / "syntax", name, p.read_text(encoding="utf-8"))

    check = out / "check"
    for p in hlab_files("tests/cases"):
        write(check, "case_" + p.stem + ".hlab", p.read_text(encoding="utf-8"))
    for p in hlab_files("stdlib"):
        name = str(p.relative_to(ROOT / "stdlib")).replace("/", "_")
        write(check, "std_" + name, p.read_text(encoding="utf-8"))
    homelab = ROOT / "homelab"
    lib = [(str(p.relative_to(homelab)), p.read_text(encoding="utf-8")) for p in hlab_files("homelab/lib")]
    everything = []
    for p in hlab_files("homelab"):
        rel = str(p.relative_to(homelab))
        everything.append((rel, uncommented(p.read_text(encoding="utf-8"))))
        if rel.startswith("lib/"):
            continue
        write(check, "homelab_" + p.stem + ".hlab", project([(rel, p.read_text(encoding="utf-8"))] + lib))
    write(check, "homelab_all.hlab", project(everything))

    frames = out / "lsp_frames"
    def frame(body, sep="\r\n"):
        return f"Content-Length: {len(body.encode())}{sep}{sep}{body}"
    for p in sorted((ROOT / "tests/lsp/cases").glob("*.in")):
        bodies = [line.strip() for line in p.read_text(encoding="utf-8").splitlines()
                  if line.strip() and not line.startswith("#")]
        write(frames, p.stem, "\x07" + "".join(frame(b) for b in bodies))
    hello = '{"jsonrpc":"2.0","id":1,"method":"shutdown"}'
    write(frames, "lf_only", "\x00" + frame(hello, "\n"))
    write(frames, "bad_length", "\x03Content-Length: 12x\r\n\r\n" + frame(hello))
    write(frames, "no_length", "\x05Content-Type: utf-8\r\n\r\n" + frame(hello))
    write(frames, "too_large", "\x41" + frame(hello * 3) + frame(hello))
    write(frames, "huge_length", "\x02Content-Length: 99999999999999999999999\r\n\r\n" + hello)
    write(frames, "junk_then_frame", "\x0bjunk\r\n" + frame(hello) + "\r\n" + frame(hello))


if __name__ == "__main__":
    main()
