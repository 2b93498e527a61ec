#!/usr/bin/python3
"""The ready-to-copy pipelines in tools/ci: they parse, their jobs hang together, every hlabc
command in them is a real command with real options, and the steps that run hlabc do what the
pipeline expects on copies of the homelab, clean and with a mistake: exit codes, the SARIF file
uploaded to code scanning, GitHub annotations, GitLab's Code Quality report.

Usage: pipelines_test.py HLABC REPO_ROOT. The steps are run with hlabc on PATH (the install
and network steps, and kubeconform, are not run here).
"""
import json
import os
import pathlib
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

import yaml

HLABC, REPO = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
# Commands specified for hlabc but built on other branches; a step using one is reported as
# skipped while this hlabc does not have it.
PLANNED = {"fmt", "lsp", "graph", "init", "diff"}
failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def load(name):
    return yaml.safe_load((REPO / "tools/ci" / name).read_text())


def has_command(sub):
    return subprocess.run([HLABC, "help", sub], capture_output=True).returncode == 0


def hlabc_lines(script):
    """The lines of a shell script that run hlabc."""
    return [l.strip() for l in script.splitlines() if re.match(r"\s*hlabc\s", l)]


def check_invocation(line, where):
    """The subcommand exists and documents every option the line uses."""
    words = shlex.split(line.split("||")[0].split(" > ")[0].split(" | ")[0])
    sub = words[1]
    if not has_command(sub):
        if sub in PLANNED:
            print(f"skip {where}: `hlabc {sub}` is not in this build")
        else:
            check(False, f"{where}: `hlabc {sub}` is no hlabc command")
        return
    help_text = subprocess.run([HLABC, "help", sub], capture_output=True, text=True).stdout
    for w in words[2:]:
        if w.startswith("-"):
            check(re.search(rf"(^|[\s,]){re.escape(w)}\b", help_text) is not None,
                  f"{where}: `hlabc {sub} {w}` is documented in `hlabc help {sub}`")


def scratch(tmp, mistake):
    root = pathlib.Path(tmp) / "repo"
    for d in ("homelab", "out"):
        shutil.copytree(REPO / d, root / d)
    if mistake:
        clusters = root / "homelab/clusters.hlab"
        clusters.write_text(clusters.read_text().replace("mesh = { id = 2,", "mesh = { id = 1,"))
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    subprocess.run(git + ["init", "-q"], cwd=root, check=True)
    subprocess.run(git + ["add", "-A"], cwd=root, check=True)
    subprocess.run(git + ["commit", "-qm", "lab"], cwd=root, check=True)
    sha = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True).stdout.strip()
    return root, sha


def run_script(script, root, env, shell_flags="-eo pipefail"):
    p = subprocess.run(["bash", "--noprofile", "--norc", *shell_flags.split(), "-c", script], cwd=root, env=env,
                       capture_output=True, text=True)
    return p.returncode, p.stdout + p.stderr


def base_env(root, sha):
    env = dict(os.environ)
    env["PATH"] = f"{HLABC.parent}:{env['PATH']}"
    env.update(GITHUB_SERVER_URL="https://github.com", GITHUB_REPOSITORY="example/homelab", GITHUB_SHA=sha,
               GITHUB_WORKSPACE=str(root), CI_PROJECT_DIR=str(root), CI_MERGE_REQUEST_DIFF_BASE_SHA=sha,
               NO_COLOR="1")
    return env


# --- GitHub Actions -------------------------------------------------------------------------

gh = load("github-actions.yml")
triggers = gh.get("on", gh.get(True))  # YAML 1.1 reads a bare `on` as true
check(isinstance(triggers, dict) and "pull_request" in triggers, "github: runs on pull requests")
steps_by_job = {}
for name, job in gh["jobs"].items():
    check("runs-on" in job and isinstance(job.get("steps"), list), f"github: job {name} has runs-on and steps")
    for i, step in enumerate(job["steps"]):
        check(("run" in step) != ("uses" in step), f"github: {name} step {i} has run or uses")
        for line in hlabc_lines(step.get("run", "")):
            check_invocation(line, f"github {name}/{step.get('name', i)}")
    steps_by_job[name] = job["steps"]
hl_steps = steps_by_job["hlabc"]
upload = [s for s in hl_steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
check(len(upload) == 1, "github: one upload-sarif step")
sarif_file = upload[0]["with"]["sarif_file"] if upload else ""
check(gh["jobs"]["hlabc"]["permissions"].get("security-events") == "write",
      "github: the job may write security events (upload-sarif)")
ids = {s.get("id") for s in hl_steps}
for s in hl_steps:
    for ref in re.findall(r"steps\.([\w-]+)\.", str(s.get("if", ""))):
        check(ref in ids, f"github: `if` of {s.get('name')} names an existing step {ref}")


def run_github(mistake):
    with tempfile.TemporaryDirectory() as tmp:
        root, sha = scratch(tmp, mistake)
        env = base_env(root, sha)
        results = {}
        for s in hl_steps:
            if "run" in s and hlabc_lines(s["run"]):
                results[s["name"]] = run_script(s["run"], root, env)
        sarif = root / sarif_file
        doc = json.loads(sarif.read_text()) if sarif.exists() else None
        return results, doc, sha


for mistake in (False, True):
    label = "with a mistake" if mistake else "clean"
    results, sarif, sha = run_github(mistake)
    check(len(results) >= 4, f"github {label}: ran {len(results)} hlabc steps")
    for name, (code, out) in results.items():
        want = 0 if (not mistake or "SARIF" in name) else 1
        check(code == want, f"github {label}: step '{name}' exits {want} (got {code}) {out[-300:] if code != want else ''}")
    check(sarif is not None, f"github {label}: {sarif_file} written for upload-sarif")
    if sarif:
        found = [r["ruleId"] for r in sarif["runs"][0]["results"]]
        check(found == (["E1204"] if mistake else []), f"github {label}: SARIF results {found}")
        rule = sarif["runs"][0]["tool"]["driver"]["rules"][41]
        want_uri = f"https://github.com/example/homelab/blob/{sha}/docs/diagnostics.md#e1204-mesh-id-duplicate"
        check(rule.get("helpUri") == want_uri, f"github {label}: rules link to docs at the commit ({rule.get('helpUri')})")
    annotations = [out for name, (code, out) in results.items() if "annotations" in name]
    check(len(annotations) == 1 and (("::error file=homelab/clusters.hlab," in annotations[0]) == mistake),
          f"github {label}: annotations step prints ::error only with the mistake")

# --- GitLab CI ------------------------------------------------------------------------------

gl = load("gitlab-ci.yml")
stages = gl["stages"]
jobs = {k: v for k, v in gl.items() if isinstance(v, dict) and k not in ("default", "variables")}
for name, job in jobs.items():
    if name.startswith("."):
        continue
    check(job.get("stage") in stages, f"gitlab: job {name} is in a declared stage")
    check(isinstance(job.get("script"), list), f"gitlab: job {name} has a script")
    if "extends" in job:
        check(job["extends"] in jobs, f"gitlab: {name} extends an existing job")
    for need in job.get("needs", []) + jobs.get(job.get("extends", ""), {}).get("needs", []):
        check(need in jobs, f"gitlab: {name} needs an existing job ({need})")
    for line in hlabc_lines("\n".join(job.get("script", []))):
        check_invocation(line, f"gitlab {name}")
check(jobs["hlabc-lint"]["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json",
      "gitlab: hlabc-lint publishes a Code Quality report")
check("$CI_MERGE_REQUEST_DIFF_BASE_SHA" in " ".join(jobs["hlabc-diff"]["script"]),
      "gitlab: hlabc-diff compares with the merge request's base")


def run_gitlab(mistake):
    with tempfile.TemporaryDirectory() as tmp:
        root, sha = scratch(tmp, mistake)
        env = base_env(root, sha)
        env.update({k: str(v) for k, v in gl.get("variables", {}).items()})
        results = {}
        for name, job in jobs.items():
            script = "\n".join(job.get("script", []))
            if name.startswith(".") or not hlabc_lines(script):
                continue
            sub = shlex.split(hlabc_lines(script)[0])[1]
            if not has_command(sub):
                print(f"skip gitlab {name}: `hlabc {sub}` is not in this build")
                continue
            # GitLab stops a script at the first failing line, as bash -e does.
            results[name] = run_script(script, root, {**env, **{k: str(v) for k, v in job.get("variables", {}).items()}},
                                       "-e")
        report = root / "gl-code-quality-report.json"
        return results, json.loads(report.read_text()) if report.exists() else None


for mistake in (False, True):
    label = "with a mistake" if mistake else "clean"
    results, report = run_gitlab(mistake)
    check({"hlabc-check", "hlabc-lint", "hlabc-build-check"} <= set(results), f"gitlab {label}: ran {sorted(results)}")
    for name, (code, out) in results.items():
        # hlabc diff cannot compare sources that do not check: exit 2 fails its job.
        want = (2 if name == "hlabc-diff" else 1) if mistake else 0
        check(code == want, f"gitlab {label}: job {name} exits {want} (got {code}) {out[-300:] if code != want else ''}")
    check(report is not None, f"gitlab {label}: gl-code-quality-report.json written")
    if report is not None and not mistake:
        check(report == [], "gitlab clean: empty Code Quality report")
    if report is not None and mistake:
        entry = report[0] if len(report) == 1 else {}
        check(entry.get("check_name") == "E1204" and entry.get("severity") == "major",
              f"gitlab with a mistake: one major E1204 entry ({report})")
        check(entry.get("location", {}).get("path") == "homelab/clusters.hlab" and
              isinstance(entry.get("location", {}).get("lines", {}).get("begin"), int),
              "gitlab with a mistake: location path relative to the repository, line a number")
        check(bool(entry.get("fingerprint")) and entry.get("description", "").startswith("E1204 clusters `main`"),
              "gitlab with a mistake: fingerprint and description set")

print(f"pipelines_test: {len(failures)} failed")
sys.exit(1 if failures else 0)
