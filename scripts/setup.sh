#!/usr/bin/env bash
# Installs what tuijin needs to build, run and test, and nothing that is already there.
# Idempotent: a second run on a ready machine only checks and exits.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages, by name. Packages the image already ships (libpq-dev, libsqlite3-dev,
# libexpat1-dev, postgresql, googletest) are deliberately not named: naming them upgrades them.
BUILD_PKGS=(
  cmake g++ make pkg-config ccache
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsoci-dev libzip-dev libsodium-dev libgd-dev
  libspdlog-dev libfmt-dev libcli11-dev libtomlplusplus-dev
  libcairo2-dev libpango1.0-dev
  libcurl4-openssl-dev
  fonts-noto-cjk  # run time: the 督办流转单 PDF is set in Noto CJK (and the browser tests use it)
)
TEST_PKGS=(
  chromium poppler-utils
  python3-openpyxl nginx-light wrk sqlite3
  libbenchmark-dev
  clang libclang-rt-dev  # make fuzz: libFuzzer and the sanitizers' run-time libraries
)

# Only for `make bench` (scripts/setup.sh --bench): LibreOffice converts the briefing DOCX to
# PDF there, as evidence that Word-compatible software opens it. Too big for every test run.
BENCH_PKGS=(libreoffice-writer-nogui)

wanted=("${BUILD_PKGS[@]}" "${TEST_PKGS[@]}")
if [ "${1:-}" = "--bench" ]; then wanted+=("${BENCH_PKGS[@]}"); fi

missing=()
for p in "${wanted[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "setup: Debian packages present"
fi

# npm packages from the lock files (web UI; test tools). Re-run only when a lock changed.
for dir in web tests; do
  [ -f "$dir/package-lock.json" ] || continue
  stamp="$dir/node_modules/.tuijin-lock"
  if [ ! -f "$stamp" ] || ! cmp -s "$dir/package-lock.json" "$stamp"; then
    echo "setup: npm ci in $dir/"
    # The registry sometimes drops a connection mid-install; try again before giving up.
    for attempt in 1 2 3; do
      if (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error); then break; fi
      [ "$attempt" -lt 3 ] || { echo "setup: npm ci in $dir/ failed 3 times" >&2; exit 1; }
      echo "setup: npm ci in $dir/ failed, trying again in 5 s" >&2
      sleep 5
    done
    cp "$dir/package-lock.json" "$stamp"
  fi
done
