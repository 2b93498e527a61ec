#!/usr/bin/env python3
"""Runs the tutorial of README.md step by step in a temporary folder.

The tutorial is the part of README.md between `<!-- tutorial: begin -->` and
`<!-- tutorial: end -->`. Every fenced code block there must follow a marker comment:

  <!-- tutorial: run -->           each line of the block is a shell command that must succeed
  <!-- tutorial: run, fails -->    the block's commands, the last of which must fail
  <!-- tutorial: output -->        every line of the block appears, in order, in the output
                                   (stdout and stderr) of the previous run block
  <!-- tutorial: write FILE -->    the block becomes FILE
  <!-- tutorial: append FILE -->   the block is appended to FILE

A block without a marker fails the test, so no code block of the tutorial goes untested.
Usage: run_tutorial.py README.md HLABC_BINARY
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

MARKER = re.compile(r"<!-- tutorial: (.*?) -->")
FENCE = re.compile(r"^(`{3,})(\w*)\s*$")


def blocks(readme):
    """Yields (marker, code, line number) for each fenced block of the tutorial."""
    lines = open(readme, encoding="utf-8").read().split("\n")
    try:
        begin = lines.index("<!-- tutorial: begin -->")
        end = lines.index("<!-- tutorial: end -->")
    except ValueError:
        sys.exit("error: README.md has no `<!-- tutorial: begin -->` ... `<!-- tutorial: end -->` section")
    marker = None
    i = begin + 1
    while i < end:
        m = MARKER.fullmatch(lines[i].strip())
        if m:
            marker = m.group(1)
        fence = FENCE.match(lines[i])
        if fence:
            start = i
            body = []
            i += 1
            while i < end and lines[i] != fence.group(1):
                body.append(lines[i])
                i += 1
            if i >= end:
                sys.exit(f"error: README.md:{start + 1}: the code block is not closed inside the tutorial")
            if marker is None:
                sys.exit(f"error: README.md:{start + 1}: a tutorial code block without a `<!-- tutorial: ... -->` marker")
            yield marker, "\n".join(body) + "\n", start + 1
            marker = None
        i += 1


def main():
    readme, hlabc = sys.argv[1], os.path.abspath(sys.argv[2])
    bin_dir = tempfile.mkdtemp(prefix="hlabc-tutorial-bin-")
    os.symlink(hlabc, os.path.join(bin_dir, "hlabc"))
    env = dict(os.environ, PATH=bin_dir + os.pathsep + os.environ.get("PATH", ""), NO_COLOR="1")
    work = tempfile.mkdtemp(prefix="hlabc-tutorial-")
    try:
        run_steps(readme, work, env)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(bin_dir, ignore_errors=True)


def run_steps(readme, work, env):
    last_output = None
    steps = 0
    for marker, code, line in blocks(readme):
        steps += 1
        where = f"README.md:{line}"
        if marker in ("run", "run, fails"):
            commands = [c for c in code.splitlines() if c.strip()]
            output = ""
            for n, command in enumerate(commands):
                r = subprocess.run(command, shell=True, cwd=work, env=env, capture_output=True, text=True, timeout=120)
                output += r.stdout + r.stderr
                must_fail = marker == "run, fails" and n == len(commands) - 1
                if (r.returncode != 0) != must_fail:
                    sys.exit(f"error: {where}: `{command}` exited {r.returncode}, expected "
                             f"{'a failure' if must_fail else 0}\n{r.stdout}{r.stderr}")
            last_output = output
            print(f"ok {where}: {marker}: {len(commands)} command(s)")
        elif marker == "output":
            if last_output is None:
                sys.exit(f"error: {where}: an output block before any run block")
            at = 0
            for expected in [l for l in code.splitlines() if l.strip()]:
                found = last_output.find(expected + "\n", at)
                if found < 0:
                    sys.exit(f"error: {where}: the output lacks the line\n  {expected}\n"
                             f"(in order after what matched before); it was:\n{last_output}")
                at = found + len(expected)
            print(f"ok {where}: output matches")
        elif marker.startswith(("write ", "append ")):
            verb, path = marker.split(" ", 1)
            target = os.path.join(work, path)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "w" if verb == "write" else "a", encoding="utf-8") as f:
                f.write(code)
            print(f"ok {where}: {verb} {path}")
        else:
            sys.exit(f"error: {where}: unknown tutorial marker `{marker}`")
    if steps == 0:
        sys.exit("error: the tutorial has no steps")
    print(f"tutorial: {steps} steps passed")


if __name__ == "__main__":
    main()
