#!/usr/bin/env bash
# The engine beside R survival on one synthetic cohort, in one run, as one table:
#
#   core/benchmarks/compare-r.sh [N]        # N patients, default 1000000
#
# 1. writes the cohort CSV once (SyntheticCohort, shape full; seed SEED) under
#    core/benchmarks/target/analysis-benchmark/, where analysis-benchmark.sh finds it too;
# 2. runs the engine's JMH benchmarks on that file (AnalysisWorkBenchmark: the platform's parser and the
#    plugins' support-library calls select the subjects; each measured call sorts and fits):
#      KM by arm      Kaplan-Meier of OS by arm, log-log, landmarks 730/1095, tau 1095   kaplanMeierByArm
#      log-rank       of OS by arm                                                       logRank
#      Cox Efron      OS ~ arm + mvi + age + child_pugh + margin_mm, Efron, with
#                     Harrell's C and cox.zph                                            cox
#      Cox Breslow    the same with Breslow ties                                         coxBreslow
#      Cox Efron fit  the fit and C without cox.zph (what coxph alone computes)          coxModelOnly
# 3. when Rscript with survival is installed, runs the same analyses in R on the same file (r/compare.R:
#    survfit + summary at the landmarks + the restricted mean; survdiff; coxph + cox.zph; coxph alone)
#    and checks that R's Cox coefficients and C agree with the engine's;
# 4. when a distribution tarball is present (mvn -B -DskipTests package) or API=1, times the whole dfs
#    request through the HTTP API (analysis-benchmark.sh with ANALYSES=dfs JMH=0: the import is not
#    timed; the time is the request's wall time, JSON of the result included), beside R's survfit +
#    survdiff + univariate coxph on DFS.
#
# Each engine figure is the median over every measured JMH iteration of FORKS forks; each R figure the
# median of REPS runs of system.time (elapsed) after one untimed run; the API figure the median of REPS
# requests after the warm-up. "ratio" is R / engine. Machine, JVM, R and load are printed with the table.
#
# Environment: SEED (1), REPS (5), FORKS (3), JMH_WARMUP (3), JMH_ITERATIONS (5), JMH_TIME (2 s),
#   API (auto: when the tarball is there; 0: never; 1: always, building it if missing), BUILD=1 (rebuild
#   the benchmarks jar), RSCRIPT (Rscript: the R to compare with), MVN_ARGS (extra arguments to that build, e.g. "-o").
# Run it on an otherwise idle machine: the engine uses both cores of a 2-core machine for large Cox fits.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
rows="${1:-1000000}"
seed="${SEED:-1}"
reps="${REPS:-5}"
forks="${FORKS:-3}"
jmh_wi="${JMH_WARMUP:-3}"
jmh_i="${JMH_ITERATIONS:-5}"
jmh_t="${JMH_TIME:-2}"
api="${API:-auto}"
rscript="${RSCRIPT:-Rscript}"
read -r -a mvn_args <<< "${MVN_ARGS:-}"
jar="$here/target/benchmarks.jar"
tarball="$root/distribution/target/org.hepatica.distribution-1.0.0-SNAPSHOT.tar.gz"
work="$here/target/analysis-benchmark"
out="$here/target/compare-r"
mkdir -p "$work" "$out"
load() { cut -d' ' -f1-3 /proc/loadavg; }

if [ "${BUILD:-0}" = 1 ] || [ ! -r "$jar" ]; then
  echo "building the benchmarks (mvn -B -q -Pbench -DskipTests package -pl core/benchmarks -am)"
  (cd "$root" && mvn -B -q "${mvn_args[@]}" -Pbench -DskipTests package -pl core/benchmarks -am)
fi
csv="$work/cohort-${rows}-${seed}.csv"
if [ ! -s "$csv" ]; then
  echo "writing $csv (${rows} patients, seed ${seed}, shape full)"
  java -cp "$jar" org.hepatica.platform.internal.demo.SyntheticCohort "$rows" "$seed" "$csv.tmp" full
  mv "$csv.tmp" "$csv"
fi

machine="$(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1),"
machine="$machine $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo) RAM, $(uname -sr)"
java_version="$(java -version 2>&1 | head -1)"
echo "machine: $machine; $java_version; load $(load)"

echo "engine: JMH AnalysisWorkBenchmark, $forks forks x $jmh_i iterations of $jmh_t s after $jmh_wi warm-up; load $(load)"
methods="kaplanMeierByArm|logRank|cox|coxBreslow|coxModelOnly"
java -jar "$jar" "AnalysisWorkBenchmark\.($methods)\$" -p csv="$csv" -f "$forks" -wi "$jmh_wi" -i "$jmh_i" \
  -w "${jmh_t}s" -r "${jmh_t}s" -rf json -rff "$out/jmh.json" > "$out/jmh.log" 2>&1 \
  || { tail -n 30 "$out/jmh.log" >&2; exit 1; }
jmh_load="$(load)"
echo "engine done; load $jmh_load"

r_status="R not found (no Rscript with the survival package on PATH): R column left empty"
rm -f "$out/r.tsv"
if command -v "$rscript" >/dev/null 2>&1 \
    && "$rscript" -e 'suppressPackageStartupMessages(library(survival))' >/dev/null 2>&1; then
  echo "R: $reps runs of each analysis after one untimed run; load $(load)"
  "$rscript" "$here/r/compare.R" "$csv" "$reps" "$out/r.tsv" | sed 's/^/  /'
  r_status="$("$rscript" -e 'cat(R.version.string, "survival", as.character(packageVersion("survival")))'), load $(load) after the runs"
fi

rm -f "$work/api.json"
if [ "$api" = 0 ]; then
  api_status="dfs request: not measured (API=0)"
else
  api_status="dfs request: not measured (no distribution tarball: mvn -B -DskipTests package, or API=1)"
fi
if [ "$api" = 1 ] || { [ "$api" = auto ] && [ -r "$tarball" ]; }; then
  echo "HTTP API: the dfs request, $reps runs after the warm-up (analysis-benchmark.sh); load $(load)"
  ROWS="$rows" SEED="$seed" REPS="$reps" ANALYSES=dfs JMH=0 MVN_ARGS="${MVN_ARGS:-}" \
    "$here/analysis-benchmark.sh" 2>&1 | sed 's/^/  /'
  api_status="dfs request: the platform of $(basename "$tarball"), load $(load) after the runs"
fi

python3 - "$out/jmh.json" "$out/jmh.log" "$out/r.tsv" "$work/api.json" "$rows" "$machine" "$java_version" \
  "$jmh_load" "$r_status" "$api_status" <<'PY'
import json, os, re, statistics, sys

jmh_file, log_file, r_file, api_file, rows, machine, java, jmh_load, r_status, api_status = sys.argv[1:]
engine = {}
for b in json.load(open(jmh_file)):
    raw = [v for fork in b["primaryMetric"]["rawData"] for v in fork]
    engine[b["benchmark"].rsplit(".", 1)[1]] = statistics.median(raw)
r = {}
r_coef = []
if os.path.exists(r_file):
    for line in open(r_file):
        name, value = line.rstrip("\n").split("\t")
        if name.startswith("coef.") or name == "concordance":
            r_coef.append(float(value))
        else:
            r.setdefault(name, []).append(float(value) * 1000)
api = json.load(open(api_file)) if os.path.exists(api_file) else {}

rows_ = [("KM by arm", "kaplanMeierByArm", "kaplanMeierByArm"),
         ("log-rank", "logRank", "logRank"),
         ("Cox Efron, with C and cox.zph", "cox", "cox"),
         ("Cox Breslow, with C and cox.zph", "coxBreslow", "coxBreslow"),
         ("Cox Efron fit and C (no cox.zph)", "coxModelOnly", "coxModelOnly")]
def ms(v):
    return f"{v:,.0f} ms" if v >= 10 else f"{v:.1f} ms"
print()
print(f"{int(rows):,} patients, 5 covariates; machine: {machine}")
print(f"{'analysis':<34}{'engine':>12}{'R survival':>14}{'ratio':>9}")
for label, e_key, r_key in rows_:
    e = engine[e_key]
    line = f"{label:<34}{ms(e):>12}"
    if r_key in r:
        rv = statistics.median(r[r_key])
        line += f"{ms(rv):>14}{rv / e:>8.1f}x"
    else:
        line += f"{'-':>14}{'-':>9}"
    print(line)
if "dfs" in api:
    wall = statistics.median(api["dfs"]["wallMs"])
    line = f"{'dfs request via HTTP API':<34}{ms(wall):>12}"
    if "dfs" in r:
        rv = statistics.median(r["dfs"])
        line += f"{ms(rv):>14}{rv / wall:>8.1f}x"
    print(line)
else:
    print(f"{'dfs request via HTTP API':<34}{'-':>12}")
print()
print(f"engine: JMH median ms/op, {java}; load {jmh_load} after the JMH runs")
print(f"R: {r_status}")
print(api_status)
if api:
    print(f"  (HTTP: median wall time of the POST .../analyses/dfs, JSON of the result included; import excluded;"
          f" n {api['dfs']['n']})")
m = re.search(r"engine-cox (.*)", open(log_file).read())
if m and r_coef:
    f = m.group(1).split()
    eng = [float(v) for v in f[:-2]] + [float(f[-1])]
    worst = max(abs(a - b) / abs(b) for a, b in zip(eng, r_coef))
    print(f"check: Cox Efron coefficients and C, engine vs R, largest relative difference {worst:.1e}"
          + ("" if worst < 1e-6 else "  (DISAGREE)"))
PY
