#!/bin/sh
# tests/clients/chromium.sh: report.html in a real browser (make
# test-clients). Plans the bundled example and a scenario with late and
# unserved patients (tests/fixtures/report-late), then for each report:
#   - headless Chromium renders it to a PNG of the window's size, and the
#     PNG must not be blank: enough non-white pixels, and coloured ones
#     (the Gantt bars: text alone is black and grey);
#   - Chromium prints it to PDF, and the PDF must be A4 landscape with the
#     number of pages the report's layout gives (pdfinfo).
# Chromium never runs under valgrind: this script is not part of make
# check nor make valgrind.
#
#   sh tests/clients/chromium.sh                      the test
#   sh tests/clients/chromium.sh --screenshot FILE    also the README's
#                                                     picture of the example
# Needs chromium, poppler-utils (pdfinfo) and python3 (sh setup.sh --tests).
set -u

PLANNER=${PLANNER:-build/planner}
shot_out=""
if [ "${1-}" = "--screenshot" ]; then
    shot_out=${2:?"--screenshot needs a file"}
fi
for tool in chromium pdfinfo python3; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "chromium.sh: $tool is missing: sh setup.sh --tests" >&2
        exit 2
    fi
done

here=$(pwd)
tmp=$(mktemp -d /tmp/planner-chromium.XXXXXX) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
failures=0

fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

# chromium ARGS...: headless, its own profile, its noise (D-Bus...) kept
# in a log shown only when it fails; a hang guard of 120 s.
browser() {
    timeout 120 chromium --headless --disable-gpu --no-sandbox --hide-scrollbars \
        --user-data-dir="$tmp/profile" "$@" > "$tmp/chromium.log" 2>&1 ||
        { cat "$tmp/chromium.log" >&2; return 1; }
}

# check NAME SCENARIO PLAN_EXIT PAGES: plan, render, print, assert.
check() {
    name=$1 ini=$2 want_exit=$3 want_pages=$4
    dir=$tmp/$name
    "$PLANNER" plan "$ini" -o "$dir" > "$tmp/$name.out" 2>&1
    rc=$?
    [ "$rc" -eq "$want_exit" ] || { fail "$name: planner plan exit $rc, expected $want_exit"; cat "$tmp/$name.out" >&2; return; }
    url="file://$dir/report.html"

    browser --window-size=1200,1600 --screenshot="$tmp/$name.png" "$url" || { fail "$name: chromium --screenshot failed"; return; }
    [ -s "$tmp/$name.png" ] || { fail "$name: no screenshot"; return; }
    set -- $(python3 "$here/tests/clients/png_stats.py" "$tmp/$name.png")
    w=${1:-0} h=${2:-0} nonwhite=${3:-0} coloured=${4:-0}
    [ "$w" -eq 1200 ] && [ "$h" -eq 1600 ] || fail "$name: screenshot ${w}x$h, expected 1200x1600"
    # A blank page has none; the example's first screen has about 15 %
    # non-white and 2 % coloured pixels.
    [ "$nonwhite" -ge 96000 ] || fail "$name: $nonwhite non-white pixels (< 5 %): blank?"
    [ "$coloured" -ge 9600 ] || fail "$name: $coloured coloured pixels (< 0.5 %): no chart drawn?"

    browser --no-pdf-header-footer --print-to-pdf="$tmp/$name.pdf" "$url" || { fail "$name: chromium --print-to-pdf failed"; return; }
    pdfinfo "$tmp/$name.pdf" > "$tmp/$name.info" 2>&1 || { fail "$name: pdfinfo cannot read the PDF"; return; }
    pages=$(sed -n 's/^Pages: *//p' "$tmp/$name.info")
    size=$(sed -n 's/^Page size: *//p' "$tmp/$name.info")
    case $size in
    "841.92 x 594.96 pts (A4)"*) ;;
    *) fail "$name: page size '$size', expected A4 landscape (841.92 x 594.96 pts)" ;;
    esac
    [ "$pages" = "$want_pages" ] || fail "$name: $pages pages, expected $want_pages"
    echo "chromium.sh: $name: ${w}x$h PNG, $nonwhite non-white and $coloured coloured pixels; PDF: $pages A4 landscape pages"
}

# The example: page 1 (KPIs, overview, the late list, figures), a page per
# room (B1, B2), the weekly utilisation, the binding materials (2 pages).
check example scenarios/smart101-phase1/scenario.ini 0 6
# 6 late and 7 unserved patients: their list fills page 1 and spills onto
# page 2; then the same pages as the example.
check late tests/fixtures/report-late/scenario.ini 1 7

if [ -n "$shot_out" ]; then
    # The README's picture: the top of the example's report, at a width
    # that keeps the file small.
    browser --window-size=1100,1000 --force-device-scale-factor=0.8 \
        --screenshot="$tmp/readme.png" "file://$tmp/example/report.html" &&
        cp "$tmp/readme.png" "$shot_out" && echo "chromium.sh: wrote $shot_out"
fi

if [ "$failures" -gt 0 ]; then
    echo "chromium.sh: $failures failure(s)" >&2
    exit 1
fi
echo "chromium.sh: report.html renders in Chromium"
