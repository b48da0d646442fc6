#!/usr/bin/env bash
# The durationMs of three analyses through the HTTP API, beside the engine's JMH figures for the
# same work, in one run: a synthetic canonical cohort CSV of 10^6 rows (SyntheticCohort, shape full)
# is imported into a running distribution over HTTP; km by arm, cox with 5 covariates and dfs run
# REPS times each after a warm-up, and provenance.durationMs is collected (median, min). The
# platform is then stopped, and AnalysisWorkBenchmark runs the engine work of each run on the very
# same CSV, parsed with the platform's parser, the subjects and the Cox design selected by the same
# support-library calls as the plugins make. One table shows both.
#
#   mvn -B -DskipTests package               # builds distribution/target/*.tar.gz
#   core/benchmarks/analysis-benchmark.sh    # builds core/benchmarks/target/benchmarks.jar if missing
#                                            # (mvn -B -q -Pbench -DskipTests package -pl core/benchmarks -am),
#                                            # unpacks the tarball under core/benchmarks/target/analysis-benchmark
#
# The runs, with the parameters AnalysisWorkBenchmark measures:
#   km   {"endpoint": "OS", "groupBy": "arm", "confType": "log-log", "landmarks": [730, 1095], "tau": 1095}
#        engine: TimeOrder, Kaplan-Meier by arm, log-rank                       (JMH method km)
#   cox  {"endpoint": "OS", "covariates": ["arm", "mvi", "age", "child_pugh", "margin_mm"], "ties": "efron"}
#        engine: TimeOrder, Efron fit of the CoxDesign, concordance, cox.zph   (JMH method cox)
#   dfs  {} (treatment arm, landmark 730)
#        engine: one TimeOrder for Kaplan-Meier (log-log), log-rank and the
#        univariate Cox model of arm without the proportional-hazards test     (JMH method dfs)
# "ratio" is the API median over the JMH mean; the goal is at most 1.5. The column "plugin" is the
# plugin's whole run() on the same cohort in-process under JMH (kmPlugin, coxPlugin, dfsPlugin):
# what durationMs times, without the container. durationMs excludes the JSON of the result.
#
# Environment:
#   ROWS (1000000), SEED (1), REPS (5 measured runs per analysis)
#   WARMUP (2), WARMUP_SECONDS (JMH_WARMUP x JMH_TIME): before its measured runs, each analysis runs
#                         at least WARMUP times and for at least WARMUP_SECONDS, as JMH warms up each
#                         method (the JIT compiles the plugin path then, not during the measured runs)
#   JMH_WARMUP (3) and JMH_ITERATIONS (5) iterations of JMH_TIME (2) seconds each, one fork per method
#   PLUGIN=0              leave out the in-process plugin column (three JMH forks instead of six)
#   ANALYSES ("km cox dfs") the analyses to run through the API (a subset, e.g. "dfs")
#   JMH=0                 stop after the API runs (their figures are in target/analysis-benchmark/api.json);
#                         compare-r.sh uses ANALYSES=dfs JMH=0 for its "dfs request" row
#   BUILD=1               build the tarball and the benchmarks jar first, even if present
#   MVN_ARGS              extra arguments to those builds, e.g. "-o -Dmaven.repo.local=/tmp/m2"
#   HEPATICA_BENCH_HOME   an unpacked distribution to use instead of a fresh one (if it is running
#                         already, it is used as it is and left running, its JMH figures then share
#                         the cores with it)
#   HEPATICA_PORT, HEPATICA_SSH_PORT: default a free port each (clear of 8181/8101 and of the itests)
#
# The platform runs as bin/hepatica starts it (ParallelGC; Karaf 4.4's scripts ignore the JAVA_MAX_MEM
# that bin/hepatica sets, so its heap is the JVM's default, a quarter of the memory), the JMH forks
# with ParallelGC and -Xmx4g. The platform is stopped before JMH starts, so the two never share the
# cores. Each figure is of a warm JVM. Run it on an otherwise idle machine: "load" is printed with
# each part.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
rows="${ROWS:-1000000}"
seed="${SEED:-1}"
reps="${REPS:-5}"
warmup="${WARMUP:-2}"
jmh_wi="${JMH_WARMUP:-3}"
jmh_i="${JMH_ITERATIONS:-5}"
jmh_t="${JMH_TIME:-2}"
warmup_s="${WARMUP_SECONDS:-$((jmh_wi * jmh_t))}"
plugin="${PLUGIN:-1}"
analyses="${ANALYSES:-km cox dfs}"
jmh="${JMH:-1}"
read -r -a mvn_args <<< "${MVN_ARGS:-}"
tarball="$root/distribution/target/org.hepatica.distribution-1.0.0-SNAPSHOT.tar.gz"
jar="$here/target/benchmarks.jar"
work="$here/target/analysis-benchmark"

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
export HEPATICA_PORT="${HEPATICA_PORT:-$(free_port)}"
ssh_port="${HEPATICA_SSH_PORT:-$(free_port)}"

if [ "${BUILD:-0}" = 1 ] || { [ -z "${HEPATICA_BENCH_HOME:-}" ] && [ ! -r "$tarball" ]; }; then
  echo "building the distribution (mvn -B -q -DskipTests package)"
  (cd "$root" && mvn -B -q "${mvn_args[@]}" -DskipTests package)
fi
if [ "$jmh" = 1 ] && { [ "${BUILD:-0}" = 1 ] || [ ! -r "$jar" ]; }; then
  echo "building the benchmarks (mvn -B -q -Pbench -DskipTests package -pl core/benchmarks -am)"
  (cd "$root" && mvn -B -q "${mvn_args[@]}" -Pbench -DskipTests package -pl core/benchmarks -am)
fi

mkdir -p "$work"
csv="$work/cohort-${rows}-${seed}.csv"
if [ ! -s "$csv" ]; then
  echo "writing $csv (${rows} rows, seed ${seed}, shape full)"
  java -cp "$jar" org.hepatica.platform.internal.demo.SyntheticCohort "$rows" "$seed" "$csv.tmp" full
  mv "$csv.tmp" "$csv"
fi

if [ -n "${HEPATICA_BENCH_HOME:-}" ]; then
  home="$(cd "$HEPATICA_BENCH_HOME" && pwd)"
else
  home="$work/org.hepatica.distribution-1.0.0-SNAPSHOT"
  # a run that was killed may have left its platform running in the tree about to be replaced
  if [ -x "$home/bin/hepatica" ] && "$home/bin/hepatica" status >/dev/null 2>&1; then
    "$home/bin/hepatica" stop >/dev/null
  fi
  rm -rf "$home"
  tar xzf "$tarball" -C "$work"
fi

started=0
stop_platform() {
  if [ "$started" = 1 ]; then
    "$home/bin/hepatica" stop >/dev/null || true
    started=0
  fi
}
trap stop_platform EXIT
trap 'exit 130' INT TERM

if ! "$home/bin/hepatica" status >/dev/null 2>&1; then
  started=1
  sed -i "s/^sshPort *=.*/sshPort = ${ssh_port}/" "$home/etc/org.apache.karaf.shell.cfg"
fi
"$home/bin/hepatica" start | grep -v 'Password'
[ -r "$home/data/initial-admin-password" ] || { echo "no data/initial-admin-password in $home" >&2; exit 1; }
api_json="$work/api.json"
python3 - "http://localhost:${HEPATICA_PORT}/api/v1" "$(cat "$home/data/initial-admin-password")" "$csv" \
  "$reps" "$warmup" "$warmup_s" "$api_json" "$analyses" <<'PY'
import base64, json, os, statistics, sys, time, urllib.request

base, password, csv, reps, warmup, warmup_s, out, analyses = sys.argv[1:]
reps, warmup, warmup_s = int(reps), int(warmup), float(warmup_s)
auth = "Basic " + base64.b64encode(("admin:" + password).encode()).decode()
RUNS = [
    ("km", {"endpoint": "OS", "groupBy": "arm", "confType": "log-log", "landmarks": [730, 1095], "tau": 1095}),
    ("cox", {"endpoint": "OS", "covariates": ["arm", "mvi", "age", "child_pugh", "margin_mm"], "ties": "efron"}),
    ("dfs", {}),
]
RUNS = [run for run in RUNS if run[0] in analyses.split()]

def call(method, path, body=None, content_type=None, timeout=600):
    headers = {"Authorization": auth, "Accept": "application/json"}
    if content_type:
        headers["Content-Type"] = content_type
    req = urllib.request.Request(base + path, data=body, method=method, headers=headers)
    with urllib.request.urlopen(req, timeout=timeout) as r:
        return json.load(r)

# the platform answers 503 until its boot features are installed; bin/hepatica start waited for that
size = os.path.getsize(csv)
t0 = time.monotonic()
with open(csv, "rb") as f:
    req = urllib.request.Request(base + "/cohorts?name=analysis-benchmark", data=f, method="POST", headers={
        "Authorization": auth, "Accept": "application/json", "Content-Type": "text/csv",
        "Content-Length": str(size)})
    with urllib.request.urlopen(req, timeout=600) as r:
        imported = json.load(r)
print(f"imported {os.path.basename(csv)} ({size / 1e6:.1f} MB): cohort {imported['id']}, "
      f"{imported['rowsAccepted']} patients, {time.monotonic() - t0:.1f} s; load {os.getloadavg()[0]:.1f}",
      flush=True)

results = {}
for analysis, parameters in RUNS:
    body = json.dumps({"parameters": parameters}).encode()
    path = f"/cohorts/{imported['id']}/analyses/{analysis}"
    started, warmed = time.monotonic(), 0
    while warmed < warmup or time.monotonic() - started < warmup_s:
        call("POST", path, body, "application/json")
        warmed += 1
    durations, walls = [], []
    for i in range(reps):
        t0 = time.monotonic()
        r = call("POST", path, body, "application/json")
        walls.append((time.monotonic() - t0) * 1000)
        durations.append(r["provenance"]["durationMs"])
    res = r["result"]
    n = res["n"]
    results[analysis] = {"durationMs": durations, "wallMs": walls, "n": n, "nDropped": res["nDropped"]}
    print(f"{analysis:<4} durationMs {durations} (after {warmed} warm-up runs), request {statistics.median(walls):.0f} ms"
          f" (median, with the JSON of the result), n {n}; load {os.getloadavg()[0]:.1f}", flush=True)
with open(out, "w") as f:
    json.dump(results, f)
PY
stop_platform
[ "$jmh" = 1 ] || exit 0

methods="km|cox|dfs"
[ "$plugin" = 1 ] && methods="$methods|kmPlugin|coxPlugin|dfsPlugin"
jmh_json="$work/jmh.json"
jmh_log="$work/jmh.log"
echo "platform stopped; JMH AnalysisWorkBenchmark ($methods) on the same CSV: ${jmh_wi} warm-up and ${jmh_i}" \
  "measured iterations of ${jmh_t} s per method; load $(cut -d' ' -f1 /proc/loadavg) (log: $jmh_log)"
java -jar "$jar" "AnalysisWorkBenchmark\.($methods)\$" -p csv="$csv" -wi "$jmh_wi" -i "$jmh_i" \
  -w "${jmh_t}s" -r "${jmh_t}s" -rf json -rff "$jmh_json" > "$jmh_log" 2>&1 \
  || { tail -n 30 "$jmh_log" >&2; exit 1; }

python3 - "$api_json" "$jmh_json" "$jmh_log" <<'PY'
import json, re, statistics, sys

api = json.load(open(sys.argv[1]))
jmh = {r["benchmark"].rsplit(".", 1)[1]: r["primaryMetric"] for r in json.load(open(sys.argv[2]))}
same = re.search(r"same-work .*", open(sys.argv[3]).read())
sizes = dict(kv.split("=") for kv in same.group(0).split()[1:]) if same else {}
expected = {"km": sizes.get("km.n"), "cox": sizes.get("cox.n"), "dfs": sizes.get("dfs.n")}

print()
print(f"{'analysis':<9}{'API durationMs':>18}{'JMH engine ms':>18}{'ratio':>7}{'plugin ms':>16}{'ratio':>7}")
print(f"{'':<9}{'median    min':>18}{'mean ±99.9% CI':>18}{'':>7}{'in-process':>16}{'':>7}")
worst = 0.0
for analysis in ("km", "cox", "dfs"):
    d = api[analysis]["durationMs"]
    median = statistics.median(d)
    engine = jmh[analysis]
    ratio = median / engine["score"]
    worst = max(worst, ratio)
    line = (f"{analysis:<9}{median:>9.0f}{min(d):>9.0f}{engine['score']:>10.0f} ±{engine['scoreError']:>5.0f}"
            f"{ratio:>7.2f}")
    if analysis + "Plugin" in jmh:
        p = jmh[analysis + "Plugin"]
        line += f"{p['score']:>9.0f} ±{p['scoreError']:>5.0f}{median / p['score']:>7.2f}"
    if expected[analysis] is not None and str(api[analysis]["n"]) != expected[analysis]:
        line += f"  (API n {api[analysis]['n']} but JMH n {expected[analysis]}: not the same subjects)"
    print(line)
print()
print("ratio: API median / JMH engine mean (goal <= 1.5); the second ratio: API median / in-process plugin mean.")
print(f"subjects: API n km {api['km']['n']}, cox {api['cox']['n']} (nDropped {api['cox']['nDropped']}),"
      f" dfs {api['dfs']['n']}; JMH {same.group(0) if same else '(no same-work line)'}")
print("worst ratio %.2f: %s" % (worst, "within 1.5" if worst <= 1.5 else "ABOVE 1.5"))
PY
