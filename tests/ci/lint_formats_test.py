#!/usr/bin/python3
"""`hlabc lint` on copies of the real homelab: the SARIF output validates against the official
SARIF 2.1.0 JSON schema (tests/ci/sarif-schema-2.1.0.json) on a clean run and with mistakes
introduced, and the GitHub annotations and JSON document say the same as the SARIF.

Usage: lint_formats_test.py HLABC REPO_ROOT. Needs Debian's python3-jsonschema and
python3-rfc3987 (without the latter, "format": "uri" would go unchecked).
"""
import copy
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile

import jsonschema

HLABC, REPO = sys.argv[1], pathlib.Path(sys.argv[2])
SCHEMA = json.loads((REPO / "tests/ci/sarif-schema-2.1.0.json").read_text())
failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def validator():
    jsonschema.Draft7Validator.check_schema(SCHEMA)
    checker = jsonschema.Draft7Validator.FORMAT_CHECKER
    if "uri" not in checker.checkers:
        sys.exit("python3-rfc3987 is missing: the schema's uri formats would not be checked")
    return jsonschema.Draft7Validator(SCHEMA, format_checker=checker)


VALIDATOR = validator()


def schema_errors(doc):
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(doc)]


def lint(root, fmt):
    p = subprocess.run([HLABC, "lint", "homelab/", "--format", fmt], cwd=root, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def line_of(text, needle):
    return text[: text.index(needle)].count("\n") + 1


def project(tmp):
    """A scratch repository: homelab/ copied, a .git folder marking the source root."""
    root = pathlib.Path(tmp)
    shutil.copytree(REPO / "homelab", root / "homelab")
    (root / ".git").mkdir()
    return root


def test_clean(tmp):
    root = project(tmp)
    code, out, err = lint(root, "sarif")
    check(code == 0, f"clean homelab: exit 0 (got {code}) {err}")
    doc = json.loads(out)
    errors = schema_errors(doc)
    check(not errors, "clean homelab: SARIF is valid " + "; ".join(errors[:5]))
    run = doc["runs"][0]
    check(run["results"] == [], "clean homelab: no results")
    codes = subprocess.run([HLABC, "explain", "--list"], capture_output=True, text=True).stdout.split("\n")
    ids = [c.split()[0] for c in codes if c.strip()]
    check([r["id"] for r in run["tool"]["driver"]["rules"]] == ids, "every registered code is a rule, in order")
    code, out, _ = lint(root, "github")
    check(code == 0 and out == "", "clean homelab: no GitHub annotations")


def test_mistakes(tmp):
    root = project(tmp)
    clusters = root / "homelab/clusters.hlab"
    text = clusters.read_text()
    first, second = line_of(text, "mesh = { id = 1,"), line_of(text, "mesh = { id = 2,")
    clusters.write_text(text.replace("mesh = { id = 2,", "mesh = { id = 1,"))

    code, out, err = lint(root, "sarif")
    check(code == 1, f"with mistakes: exit 1 (got {code}) {err}")
    doc = json.loads(out)
    errors = schema_errors(doc)
    check(not errors, "with mistakes: SARIF is valid " + "; ".join(errors[:5]))
    run = doc["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    results = {r["ruleId"]: r for r in run["results"]}
    check(list(results) == ["E1204"], f"E1204 reported (got {sorted(results)})")
    for r in run["results"]:
        check(rules[r["ruleIndex"]]["id"] == r["ruleId"], f"{r['ruleId']}: ruleIndex points at its rule")
        check(bool(r.get("partialFingerprints")), f"{r['ruleId']}: has partialFingerprints")
    mesh = results.get("E1204", {})
    loc = mesh["locations"][0]["physicalLocation"]
    check(loc["artifactLocation"] == {"uri": "homelab/clusters.hlab", "uriBaseId": "%SRCROOT%"},
          f"E1204: relative URI below %SRCROOT% ({loc['artifactLocation']})")
    reg = loc["region"]
    check((reg["startLine"], reg["startColumn"], reg["endLine"], reg["endColumn"]) == (second, 17, second, 18),
          f"E1204: region {second}:17-18 (got {reg})")
    related = mesh.get("relatedLocations", [])
    check(len(related) == 1 and related[0]["physicalLocation"]["region"]["startLine"] == first,
          f"E1204: the first cluster's id is a related location on line {first}")
    check(rules[mesh["ruleIndex"]]["name"] == "mesh-id-duplicate", "E1204: rule name is the slug")

    # A broken document must fail the same validation: the check above can fail.
    broken = copy.deepcopy(doc)
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startColumn"] = 0
    check(bool(schema_errors(broken)), "a region with startColumn 0 is rejected by the schema")

    code, out, _ = lint(root, "github")
    lines = out.splitlines()
    check(code == 1 and len(lines) == len(run["results"]), f"one annotation per result ({len(lines)})")
    want = (f"::error file=homelab/clusters.hlab,line={second},col=17,endLine={second},endColumn=17,"
            "title=E1204 mesh-id-duplicate::clusters `main` and `gitlab` both have mesh id 1%0Ahelp: ")
    check(any(l.startswith(want) for l in lines), "E1204 annotation: " + want)

    code, out, _ = lint(root, "json")
    doc = json.loads(out)
    check(code == 1 and doc["version"] == 1, "json: version 1, exit 1")
    got = sorted((d["code"], d["line"], d["column"]) for d in doc["diagnostics"])
    sarif = sorted((r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"],
                    r["locations"][0]["physicalLocation"]["region"]["startColumn"]) for r in run["results"])
    check(got == sarif, "json and SARIF report the same findings")
    check_json = subprocess.run([HLABC, "check", "homelab/", "--format", "json"], cwd=root, capture_output=True,
                                text=True).stdout
    check(json.loads(check_json) == doc, "`check --format json` prints the same document as `lint --format json`")


def test_escaping(tmp):
    root = project(tmp)
    # A file name that needs escaping in workflow-command properties and in URIs, holding a
    # warning (an unused let): exit 0, and `::warning`.
    (root / "homelab/odd,name:50%.hlab").write_text("let answer = 42\n")
    code, out, err = lint(root, "sarif")
    check(code == 0, f"warnings only: exit 0 (got {code}) {err}")
    doc = json.loads(out)
    errors = schema_errors(doc)
    check(not errors, "warnings only: SARIF is valid " + "; ".join(errors[:5]))
    results = doc["runs"][0]["results"]
    check([(r["ruleId"], r["level"]) for r in results] == [("W0201", "warning")], f"one W0201 warning ({results})")
    uri = results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] if results else None
    check(uri == "homelab/odd%2Cname%3A50%25.hlab", f"W0201: URI percent-encoded (got {uri})")
    code, out, _ = lint(root, "github")
    want = "::warning file=homelab/odd%2Cname%3A50%25.hlab,line=1,col=5,endLine=1,endColumn=10,title=W0201 unused-let::"
    check(code == 0 and out.startswith(want), f"W0201 annotation escaped: {want} (got {out.strip()})")


for test in (test_clean, test_mistakes, test_escaping):
    with tempfile.TemporaryDirectory() as tmp:
        try:
            test(tmp)
        except Exception as e:  # a crash is a failure with its reason, not a pass
            check(False, f"{test.__name__}: {type(e).__name__}: {e}")

print(f"lint_formats_test: {len(failures)} failed")
sys.exit(1 if failures else 0)
