#!/usr/bin/env bash
# Pre-provision the Temporal binaries the tests and `npm start` use, so no test waits for a build:
#   - the Temporal CLI (dev server): downloaded, or built from the Go module proxy (~3 minutes cold);
#   - the Java time-skipping test server: fetched from Maven Central (~5 s).
# Idempotent: a second run finds both in the cache and returns in about a second.
#
# Cache: ${NAP1325_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/nap1325}; cache that directory between CI runs
# (with Go's module and build caches if the CLI gets built) to skip the work entirely.
# Needs Node and the repo's node_modules (npm ci). Go ≥ 1.25 is needed only to build the CLI, Java and Maven
# only to fetch the test server; TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH skip the respective step.
#
# Prints TEMPORAL_CLI_PATH=... and TEMPORAL_TEST_SERVER_PATH=... on stdout, and appends them to $GITHUB_ENV
# when it is set, so later steps can use them directly.
set -euo pipefail

cd "$(dirname "$0")/../.."

say() { echo "install-temporal: $*" >&2; }
die() { say "$*"; exit 1; }

command -v node >/dev/null || die "node not found: install Node.js 20"
[ -x node_modules/.bin/tsx ] || die "node_modules/.bin/tsx not found: run 'npm ci' first"

# Missing tools are reported, not fatal: the cache, PATH or the env overrides may make them unnecessary, and
# ensure-temporal.ts fails with the full list of reasons when they are not.
if [ -z "${TEMPORAL_CLI_PATH:-}" ] && ! command -v temporal >/dev/null; then
  if command -v go >/dev/null; then
    say "$(go version) (builds the Temporal CLI if it is not cached and cannot be downloaded)"
  else
    say "go not found: the Temporal CLI cannot be built if it is neither cached nor downloadable;" \
      "install Go >= 1.25 (https://go.dev/dl/) or the Temporal CLI, or set TEMPORAL_CLI_PATH"
  fi
fi
if [ -z "${TEMPORAL_TEST_SERVER_PATH:-}" ]; then
  command -v java >/dev/null || say "java not found: the time-skipping test server needs a Java runtime (17 tested), e.g. apt-get install -y openjdk-17-jre-headless"
  command -v mvn >/dev/null || say "mvn not found: the test server is fetched with Maven if not cached, e.g. apt-get install -y maven"
fi

paths="$(node_modules/.bin/tsx scripts/ensure-temporal.ts)"
echo "$paths"
if [ -n "${GITHUB_ENV:-}" ]; then
  echo "$paths" >> "$GITHUB_ENV"
fi
