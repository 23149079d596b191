#!/bin/sh
# The install test (make installcheck): for each PREFIX given, make install
# into a temporary DESTDIR; every file must be there with its source's bytes
# and nothing else; the installed program must run from elsewhere, on the
# installed example scenarios, and name the installed docs in --help; its man
# page must be found and render without a warning; make uninstall must then
# remove exactly what install wrote and leave a file it did not write.
# Run from the source tree's root. Exit 0 when every check passes.
#
# make runs on a copy of the build folder ($BUILD, default build): another
# PREFIX recompiles main.c (--help names the docs), and build/planner must
# stay as it is for a make check running at the same time.
set -u
[ $# -gt 0 ] || set -- /usr/local
make=${MAKE:-make}
tree=$(pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/planner-install.XXXXXX")
failures=0
if [ -d "${BUILD:-build}" ]; then cp -a "${BUILD:-build}" "$work/build"; fi

fail() {
    echo "install test: $prefix: $*" >&2
    failures=$((failures + 1))
}

# The files make install must write below DESTDIR, one a line, sorted.
expected_files() {
    echo "$prefix/bin/planner"
    echo "$prefix/share/man/man1/planner.1"
    echo "$prefix/share/doc/planner/README.md"
    for f in docs/*.md docs/*.png scenarios/*/* scenarios/*/*/*; do
        [ -f "$f" ] && echo "$prefix/share/doc/planner/$f"
    done
}

for prefix in "$@"; do
    dest=$work/dest
    rm -rf "$dest" "$work/out"
    mkdir -p "$dest" "$work/out"
    docdir=$prefix/share/doc/planner
    bin=$dest$prefix/bin/planner
    page=$dest$prefix/share/man/man1/planner.1

    if ! $make --no-print-directory install BUILD="$work/build" DESTDIR="$dest" PREFIX="$prefix" >"$work/log" 2>&1; then
        cat "$work/log" >&2
        fail "make install failed"
        continue
    fi

    # Every file, nothing else, and each doc with its source's bytes (README.md
    # and docs/README.md once collided).
    expected_files | LC_ALL=C sort >"$work/expected"
    (cd "$dest" && find . -type f | sed 's|^\.||' | LC_ALL=C sort) >"$work/installed"
    if ! cmp -s "$work/expected" "$work/installed"; then
        fail "installed files differ from the expected list (< expected, > installed):"
        diff "$work/expected" "$work/installed" | grep '^[<>]' >&2
    fi
    cmp -s README.md "$dest$docdir/README.md" || fail "$docdir/README.md is not README.md"
    for f in docs/*.md docs/*.png scenarios/*/* scenarios/*/*/*; do
        [ -f "$dest$docdir/$f" ] && ! cmp -s "$f" "$dest$docdir/$f" && fail "$docdir/$f differs from $f"
    done
    [ -x "$bin" ] || fail "$prefix/bin/planner is not executable"

    # The installed program, run away from the source tree.
    cd "$work" || exit 2
    version=$("$bin" --version) || fail "planner --version failed"
    case $version in "planner "[0-9]*) ;; *) fail "planner --version printed '$version'" ;; esac
    "$bin" --help | grep -qF "$docdir/README.md" || fail "planner --help does not name $docdir/README.md"
    "$bin" check -q "$dest$docdir/scenarios/smart101-phase1/scenario.ini" ||
        fail "planner check on the installed smart101-phase1 exits $?, not 0"
    "$bin" check -q "$dest$docdir/scenarios/smart101-phase1/whatif/one-more-slot.ini" ||
        fail "planner check on the installed what-if one-more-slot.ini exits $?, not 0"
    "$bin" plan -q "$dest$docdir/scenarios/tiny/scenario.ini" -o "$work/out/tiny" >/dev/null
    status=$?
    [ $status -le 1 ] && [ -f "$work/out/tiny/calendar.csv" ] ||
        fail "planner plan on the installed tiny exits $status or wrote no calendar.csv"
    cd "$tree" || exit 2

    # The man page: found where man looks, names the installed docs and the
    # program's version, renders without a warning.
    grep -qF "$docdir/README.md" "$page" || fail "the man page does not name $docdir/README.md"
    grep -q "^\.TH PLANNER 1 [^ ]* \"$version\"" "$page" || fail "the man page's .TH is not for '$version'"
    if command -v groff >/dev/null 2>&1; then
        groff -man -ww -z "$page" >"$work/log" 2>&1 && [ ! -s "$work/log" ] ||
            { cat "$work/log" >&2; fail "groff -man -ww warns on the man page"; }
    else
        fail "groff is not installed (sh setup.sh --tests installs it)"
    fi
    if command -v man >/dev/null 2>&1; then
        [ "$(man -M "$dest$prefix/share/man" -w planner 2>/dev/null)" = "$page" ] ||
            fail "man -M $prefix/share/man does not find planner(1)"
    fi

    # Uninstall removes what install wrote, not a file beside it, and the
    # folders it leaves empty; the second time it has nothing to do.
    echo mine >"$dest$prefix/bin/other-program"
    echo mine >"$dest$docdir/notes.txt"
    $make --no-print-directory uninstall BUILD="$work/build" DESTDIR="$dest" PREFIX="$prefix" >"$work/log" 2>&1 ||
        { cat "$work/log" >&2; fail "make uninstall failed"; }
    left=$(cd "$dest" && find . -type f | sed 's|^\.||' | LC_ALL=C sort | tr '\n' ' ')
    [ "$left" = "$prefix/bin/other-program $docdir/notes.txt " ] ||
        fail "after make uninstall, files left: $left(want only other-program and notes.txt)"
    [ -d "$dest$docdir/docs" ] || [ -d "$dest$docdir/scenarios" ] && fail "make uninstall left docs/ or scenarios/"
    rm -f "$dest$docdir/notes.txt"
    $make --no-print-directory uninstall BUILD="$work/build" DESTDIR="$dest" PREFIX="$prefix" >"$work/log" 2>&1 ||
        { cat "$work/log" >&2; fail "a second make uninstall failed"; }
    [ -d "$dest$docdir" ] && fail "make uninstall left $docdir, empty"
    [ -f "$dest$prefix/bin/other-program" ] || fail "make uninstall removed a file it did not write"

    [ $failures -eq 0 ] && echo "install test: PREFIX=$prefix: $(wc -l <"$work/expected") files installed and run, man page rendered, uninstalled"
done

rm -rf "$work"
[ $failures -eq 0 ] || { echo "install test: $failures failure(s)" >&2; exit 1; }
