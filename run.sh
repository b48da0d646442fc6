#!/usr/bin/env bash
# Runs the Hepatica platform: builds it if needed, installs the distribution under runtime/ (or
# $HEPATICA_HOME), creates the admin user with a random password on first start, starts Karaf in
# the background, waits for the HTTP API, imports the demo cohort, and prints the URL.
#   ./run.sh          start (again: keeps data and password)
#   ./run.sh stop     stop
#   ./run.sh status   is it running?
# Works without a terminal (service managers, nohup). Needs Java 17 and Maven.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
HOME_DIR="${HEPATICA_HOME:-$ROOT/runtime}"
PORT="${HEPATICA_PORT:-8181}"
VERSION="1.0.0-SNAPSHOT"
TARBALL="$ROOT/distribution/target/org.hepatica.distribution-$VERSION.tar.gz"
DIST="$HOME_DIR/org.hepatica.distribution-$VERSION"
BIN="$ROOT/distribution/src/main/resources/bin/hepatica"

log() { printf '%s\n' "$*"; }

case "${1:-start}" in
  stop)
    if [ -d "$DIST" ]; then "$DIST/bin/hepatica" stop; else log "not installed"; fi
    exit 0 ;;
  status)
    if [ -d "$DIST" ]; then "$DIST/bin/hepatica" status; else log "not installed"; exit 3; fi
    exit $? ;;
  start) ;;
  *) log "usage: $0 [start|stop|status]"; exit 2 ;;
esac

# 1. build when there is no distribution yet, or the sources are newer than it
if [ ! -f "$TARBALL" ] || [ -n "$(find "$ROOT/core" "$ROOT/plugins" "$ROOT/features" "$ROOT/distribution/src" "$ROOT/distribution/pom.xml" "$ROOT/pom.xml" -newer "$TARBALL" -type f -not -path '*/target/*' -print -quit)" ]; then
  log "building the platform (mvn -B -DskipTests install) ..."
  (cd "$ROOT" && mvn -B -q -DskipTests install -pl distribution -am) || { log "build failed"; exit 1; }
fi

# 2. install or update the tree, keeping data/ and the users file
mkdir -p "$HOME_DIR"
stamp="$(sha256sum "$TARBALL" | cut -c1-64)"
if [ ! -f "$DIST/.installed" ] || [ "$(cat "$DIST/.installed")" != "$stamp" ]; then
  if [ -d "$DIST" ]; then
    "$DIST/bin/hepatica" stop >/dev/null 2>&1 || true
    log "updating $DIST (data and users kept)"
    tmp="$(mktemp -d)"
    tar -xzf "$TARBALL" -C "$tmp"
    [ -f "$DIST/etc/users.properties" ] && cp -p "$DIST/etc/users.properties" "$tmp/org.hepatica.distribution-$VERSION/etc/users.properties"
    rm -rf "$DIST.old" && mv "$DIST" "$DIST.old"
    mv "$tmp/org.hepatica.distribution-$VERSION" "$DIST"
    # what the platform writes: data/ (store, logs, password) and the import folders; the new tree's
    # own data/ (Karaf's empty data/tmp) gives way, so the old one is not nested inside it
    for kept in data inbox inbox-redcap archive failed; do
      if [ -d "$DIST.old/$kept" ]; then
        rm -rf "${DIST:?}/$kept"
        mv "$DIST.old/$kept" "$DIST/$kept"
      fi
    done
    rm -rf "$DIST.old" "$tmp"
  else
    log "installing into $DIST"
    tar -xzf "$TARBALL" -C "$HOME_DIR"
  fi
  printf '%s\n' "$stamp" > "$DIST/.installed"
fi

# 3. start, wait, import the demo cohort
HEPATICA_PORT="$PORT" "$DIST/bin/hepatica" start
