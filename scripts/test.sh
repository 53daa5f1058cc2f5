#!/usr/bin/env bash
# Everything `make test` runs: C++ unit tests, web unit tests, API tests against the real
# binary on SQLite and on a throwaway PostgreSQL, then browser tests in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export TUIJIN_BIN="$root/build/tuijin"
export TUIJIN_ARTIFACTS="$root/build/test-artifacts"
mkdir -p "$TUIJIN_ARTIFACTS"

failed=()
step() {
  local name=$1; shift
  echo
  echo "==== $name"
  if "$@"; then echo "==== $name: ok"; else echo "==== $name: FAILED"; failed+=("$name"); fi
}

# A throwaway PostgreSQL for the whole run: the C++ tests of the database layer use it too.
pgdir=$(mktemp -d /tmp/tuijin-pg.XXXXXX)
pgport=$(( 20000 + RANDOM % 20000 ))
trap 'scripts/pg.sh stop "$pgdir"' EXIT
pgurl=$(scripts/pg.sh start "$pgdir" "$pgport") || pgurl=""

step "C++ unit tests" env TUIJIN_TEST_PG="$pgurl" ctest --test-dir build --output-on-failure -j2 --timeout 300
step "web unit tests" bash -c "cd web && npx vitest run"
step "API tests (SQLite)" env TUIJIN_TEST_DB=sqlite node --test --test-concurrency=2 tests/api/

if [ -n "$pgurl" ]; then
  step "API tests (PostgreSQL)" env TUIJIN_TEST_DB=postgres TUIJIN_TEST_PG="$pgurl" node --test --test-concurrency=2 tests/api/
else
  failed+=("PostgreSQL start")
fi

step "browser tests (Chromium)" env TUIJIN_TEST_DB=sqlite node --test --test-concurrency=1 tests/e2e/

echo
if [ ${#failed[@]} -gt 0 ]; then
  echo "make test: FAILED: ${failed[*]}"
  exit 1
fi
echo "make test: all suites passed (screenshots in build/test-artifacts)"
