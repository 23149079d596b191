#!/bin/sh
# tests/clients/run.sh: make test-clients. Runs every test script of this
# folder (each checks plan files in the program that reads them: Chromium
# for report.html, ...), all of them even when one fails; exits 1 when any
# failed. Not part of make check: the clients are big and slow to start.
set -u
status=0
for t in tests/clients/*.sh; do
    [ "$t" = tests/clients/run.sh ] && continue
    echo "== $t"
    sh "$t" || { echo "== $t FAILED" >&2; status=1; }
done
exit $status
