#!/usr/bin/env bash
# End to end through the file inbox: a synthetic canonical cohort CSV of 10^6 rows is moved into
# the inbox of a running distribution; measured are the seconds until GET /api/v1/cohorts lists the
# cohort, and until a first query of it (GET /cohorts/{id}: the stored cohort loaded, with its
# column summary) has answered.
#
#   mvn -B -DskipTests package            # builds distribution/target/*.tar.gz
#   core/benchmarks/inbox-benchmark.sh    # unpacks it under core/benchmarks/target/inbox-benchmark
#
# Environment:
#   ROWS (1000000), REPS (3 runs per shape), SHAPES ("full slim": SyntheticCohort's 22-column shape
#   with dates, about 93 MB, and its 8-column shape with durations, about 34 MB), SEED (first seed;
#   default the clock, so no run repeats bytes the store already holds)
#   HEPATICA_BENCH_HOME   an unpacked distribution to use instead of a fresh one (if it is running
#                         already, it is used as it is and left running)
#   HEPATICA_PORT (18281), HEPATICA_SSH_PORT (18201): clear of a platform on 8181/8101 and of the
#                         itests on 18181/18101
#   FRESH=1               set each file's modification time to now just before the move, as if the
#                         file had been copied into the inbox at that moment
#
# Every file is written before the platform starts, into bench-staging/ beside inbox/ (the same
# filesystem, so the move is a rename), each with its own seed: the platform answers a file whose
# SHA-256 it already holds with the stored cohort, which would skip the import. The first run after
# the start includes JIT warm-up; the API is polled every 50 ms during the import, on the same cores.
# "load" is the 1-minute load average after the run: other work on the machine slows the import.
#
# The inbox settings in etc/org.hepatica.importer.cfg are used as shipped, and add latency:
#   inbox.delay (250 ms): the inbox is listed again delay ms after the previous poll has ended
#     (and only after the import it started has finished), so a new file waits 0 to 0.25 s before
#     it is seen. Each run here starts after a random pause of 0 to delay ms, so
#     its file arrives at a random point of the poll cycle, as a user's would.
#   inbox.readLockMinAge (2000 ms): Camel's readLock=changed takes the file once its modification
#     time is at least that old, checked on pickup and then every min(1000, max(100, minAge / 2)) ms.
#     mv keeps the modification time, so these files, written long before, are taken at once; a
#     file copied straight into the inbox (FRESH=1) waits 2 to 3 s after its last write.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
rows="${ROWS:-1000000}"
reps="${REPS:-3}"
shapes="${SHAPES:-full slim}"
seed="${SEED:-$(date +%s)}"
fresh="${FRESH:-0}"
export HEPATICA_PORT="${HEPATICA_PORT:-18281}"
ssh_port="${HEPATICA_SSH_PORT:-18201}"

if [ -n "${HEPATICA_BENCH_HOME:-}" ]; then
  home="$(cd "$HEPATICA_BENCH_HOME" && pwd)"
else
  tarball="$root/distribution/target/org.hepatica.distribution-1.0.0-SNAPSHOT.tar.gz"
  [ -r "$tarball" ] || { echo "no $tarball; build it first: mvn -B -DskipTests package" >&2; exit 1; }
  work="$here/target/inbox-benchmark"
  home="$work/org.hepatica.distribution-1.0.0-SNAPSHOT"
  # a run that was killed may have left its platform running in the tree about to be replaced
  if [ -x "$home/bin/hepatica" ] && "$home/bin/hepatica" status >/dev/null 2>&1; then
    "$home/bin/hepatica" stop >/dev/null
  fi
  rm -rf "$work"
  mkdir -p "$work"
  tar xzf "$tarball" -C "$work"
fi

cfg="$home/etc/org.hepatica.importer.cfg"
setting() { sed -n "s/^$1 *= *//p" "$cfg"; }
directory() { case "$1" in /*) echo "$1" ;; *) echo "$home/$1" ;; esac; }
[ -n "$(setting inbox.directory)" ] || { echo "the inbox is off (inbox.directory is empty in $cfg)" >&2; exit 1; }
inbox="$(directory "$(setting inbox.directory)")"
failed="$(directory "$(setting failed.directory)")"
platform_jar="$(ls "$home"/system/org/hepatica/org.hepatica.platform/*/org.hepatica.platform-*.jar | head -n 1)"
staging="$home/bench-staging"
mkdir -p "$staging" "$inbox"

started=0
cleanup() {
  if [ "$started" = 1 ]; then "$home/bin/hepatica" stop >/dev/null || true; fi
  rm -rf "$staging"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "writing the files (${rows} rows; shapes: ${shapes}; ${reps} each; seeds from ${seed})"
files=()
n=0
for shape in $shapes; do
  for i in $(seq 1 "$reps"); do
    f="$staging/bench-${seed}-${shape}-${i}.csv"
    java -cp "$platform_jar" org.hepatica.platform.internal.demo.SyntheticCohort "$rows" $((seed + n)) "$f" "$shape"
    files+=("$f")
    n=$((n + 1))
  done
done
# a small file first: the inbox route is up once it is imported
probe="$staging/bench-${seed}-probe.csv"
java -cp "$platform_jar" org.hepatica.platform.internal.demo.SyntheticCohort 10 $((seed + n)) "$probe" slim

if ! "$home/bin/hepatica" status >/dev/null 2>&1; then
  started=1
  sed -i "s/^sshPort *=.*/sshPort = ${ssh_port}/" "$home/etc/org.apache.karaf.shell.cfg"
fi
"$home/bin/hepatica" start | grep -v 'Password'
[ -r "$home/data/initial-admin-password" ] || { echo "no data/initial-admin-password in $home" >&2; exit 1; }
password="$(cat "$home/data/initial-admin-password")"

echo "inbox ${inbox}: inbox.delay = $(setting inbox.delay) ms," \
  "inbox.readLockMinAge = $(setting inbox.readLockMinAge) ms$([ "$fresh" = 1 ] && echo ', files touched before the move')"
python3 - "http://localhost:${HEPATICA_PORT}/api/v1" "$password" "$inbox" "$failed" "$rows" "$fresh" \
  "$(setting inbox.delay)" "$probe" "${files[@]}" <<'PY'
import base64, json, os, random, sys, time, urllib.request

base, password, inbox, failed, rows, fresh, delay, probe, *files = sys.argv[1:]
auth = "Basic " + base64.b64encode(("admin:" + password).encode()).decode()

def get(path):
    req = urllib.request.Request(base + path, headers={"Authorization": auth, "Accept": "application/json"})
    with urllib.request.urlopen(req, timeout=120) as r:
        return json.load(r)

def drop(src, timeout=300):
    """Moves src into the inbox; returns (seconds to listed, seconds to first answer, list entry)."""
    name = os.path.basename(src)[:-len(".csv")]
    dst = os.path.join(inbox, os.path.basename(src))
    if fresh == "1":
        os.utime(src)
    t0 = time.monotonic()
    os.rename(src, dst)
    while True:
        found = [c for c in get("/cohorts") if c["name"] == name]
        if found:
            break
        if not os.path.exists(dst) and os.path.isdir(failed) and any(
                f.startswith(name + "-") for f in os.listdir(failed)):
            sys.exit(f"{name} was refused: see {failed}")
        if time.monotonic() - t0 > timeout:
            sys.exit(f"{name} not listed after {timeout} s")
        time.sleep(0.05)
    listed = time.monotonic() - t0
    get("/cohorts/" + str(found[0]["id"]))
    answered = time.monotonic() - t0
    # the original moves to archive/ when the exchange completes; the next run starts after that
    while os.path.exists(dst):
        time.sleep(0.05)
    return listed, answered, found[0]

listed, _, _ = drop(probe, timeout=180)
print(f"inbox route ready (a 10-row file listed after {listed:.2f} s)")
print(f"{'shape':<6}{'run':>4}{'MB':>8}{'listed s':>10}{'answered s':>12}{'patients':>10}{'load':>6}")
for i, src in enumerate(files):
    shape, run = os.path.basename(src)[:-len(".csv")].split("-")[-2:]
    size = os.path.getsize(src)
    # the inbox is polled delay ms after the previous import ended: arrive at a random point of that
    time.sleep(random.uniform(0, int(delay) / 1000))
    listed, answered, cohort = drop(src)
    note = "" if cohort["patients"] == int(rows) else f"  (expected {rows} patients)"
    if i == 0:
        note += "  first import after the start"
    print(f"{shape:<6}{run:>4}{size / 1e6:8.1f}{listed:10.2f}{answered:12.2f}{cohort['patients']:>10}"
          f"{os.getloadavg()[0]:6.1f}{note}", flush=True)
PY
