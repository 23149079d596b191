#!/bin/sh
# Packs a scenario directory into the input format of fuzz_scenario:
# "name\0content\0" for each plain file, scenario.ini first. For a new seed:
#   sh tests/fuzz/pack-scenario.sh DIR > tests/fuzz/seeds/scenario/NAME.pack
# The harness refuses an input with a '/' anywhere (paths must stay in its
# directory): point base = at a file packed beside it, and drop comments
# that hold a slash.
set -eu
dir=${1:?usage: pack-scenario.sh DIR}
[ -f "$dir/scenario.ini" ] || { echo "$dir/scenario.ini: no such file" >&2; exit 1; }
for f in "$dir/scenario.ini" "$dir"/*; do
    name=$(basename "$f")
    [ -f "$f" ] || continue
    [ "$name" = scenario.ini ] && [ "$f" != "$dir/scenario.ini" ] && continue
    [ "$name" = README.md ] && continue
    printf '%s\0' "$name"
    cat "$f"
    printf '\0'
done
