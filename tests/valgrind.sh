#!/bin/sh
# Runs the test runner under valgrind memcheck, following every child
# (Criterion re-executes itself per test; end-to-end tests start
# build/planner), and fails on any memory error or leak in any process.
# A leak does not fail a Criterion test by itself, so the logs are read.
set -u
runner=${1:?usage: valgrind.sh TEST_RUNNER [RUNNER_ARGS...]}
shift
logs=$(mktemp -d "${TMPDIR:-/tmp}/planner-vg.XXXXXX")
# cbc and glpsol (the parity tests start them), unzip (plan.xlsx's tests)
# and the clients that tests/clients/ starts (LibreOffice, Chromium) and GNU
# parallel (the risk recipe) are not
# ours to check, and never run under valgrind.
valgrind --quiet --trace-children=yes --trace-children-skip='*/cbc,*/glpsol,*/unzip,*/soffice,*/soffice.bin,*/oosplash,*/chromium,*/python3*,*/pdfinfo,*/parallel' --leak-check=full --show-leak-kinds=definite,indirect \
    --errors-for-leak-kinds=definite,indirect --track-fds=no --num-callers=30 \
    --log-file="$logs/vg.%p" "$runner" -j2 --short-filename "$@"
status=$?
bad=$(grep -lE "ERROR SUMMARY: [1-9]|definitely lost: [1-9]|indirectly lost: [1-9]" "$logs"/vg.* 2>/dev/null)
if [ -n "$bad" ]; then
    for f in $bad; do echo "== $f"; cat "$f"; done
    echo "valgrind: errors or leaks in $(echo "$bad" | wc -l) process(es); logs in $logs"
    exit 1
fi
echo "valgrind: $(ls "$logs" | wc -l) processes checked, no errors, no leaks"
rm -rf "$logs"
exit $status
