#!/bin/sh
# setup.sh: installs the Debian packages that planner needs, the first step
# of the README's two set-up commands on a fresh Debian 12 machine:
#
#   sh setup.sh && make example        a user: make, a C compiler, GLPK,
#                                      libcsv, iniparser; then build and plan
#   sh setup.sh --tests && make check  a developer: also Criterion, cbc,
#                                      glpsol, valgrind, groff, unzip,
#                                      LibreOffice Calc; then the tests
#
# Only missing packages are installed, with apt-get, directly as root and
# through sudo otherwise (a fresh Debian run as root has no sudo). A fresh
# machine may have no package lists yet, so apt-get update runs first
# whenever something is missing. Plain POSIX sh: it runs before make, and
# anything else, is installed.
set -eu

user_packages="make build-essential libglpk-dev libcsv-dev libiniparser-dev libxlsxwriter-dev"
# glpk-utils and coinor-cbc: the parity tests solve exported models with
# glpsol and cbc; groff-base: the install test renders the man page;
# unzip: make check reads plan.xlsx's sheets; libreoffice-calc-nogui and
# locales: make test-clients opens the plan in LibreOffice Calc under
# fr_FR.UTF-8 (about 45 packages, 40 s to install).
test_packages="pkg-config libcriterion-dev glpk-utils coinor-cbc valgrind groff-base unzip libreoffice-calc-nogui locales"
# chromium, poppler-utils (pdfinfo) and python3: make test-clients renders
# report.html and checks the picture and the PDF (tests/clients/chromium.sh).
test_packages="$test_packages chromium poppler-utils python3"
# parallel: the GNU parallel recipe of docs/risk.md runs in tests/e2e_risk.c.
test_packages="$test_packages parallel"

case "${1-}" in
"") packages=$user_packages ;;
--tests) packages="$user_packages $test_packages" ;;
-h | --help)
    echo "usage: sh setup.sh [--tests]"
    echo "Installs what building planner needs (with --tests: also what its tests need)."
    exit 0
    ;;
*)
    echo "usage: sh setup.sh [--tests]" >&2
    exit 2
    ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    echo "setup.sh: no apt-get here (not Debian?); install the equivalents of:" >&2
    echo "  $packages" >&2
    exit 1
fi

missing=""
for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q " installed$" || missing="$missing $p"
done
if [ -z "$missing" ]; then
    echo "setup.sh: every package is installed"
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    as_root=""
elif command -v sudo >/dev/null 2>&1; then
    as_root="sudo"
else
    echo "setup.sh: missing packages, and neither root nor sudo here; as root, run:" >&2
    echo "  apt-get update && apt-get install -y --no-install-recommends$missing" >&2
    exit 1
fi

echo "setup.sh: installing$missing"
# env, not sudo's own VAR=value syntax: sudoers may forbid setting variables.
$as_root apt-get update -qq
$as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
