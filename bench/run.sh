#!/bin/sh
# make bench: planner plan against cbc and glpsol on generated scenarios.
#
# For each size and seed: generate a scenario, export its MILP, then run
# on the same machine, one after the other, each under /usr/bin/time
# (wall seconds, peak resident memory):
#   planner plan            the whole plan (delay level, then cost level)
#   planner plan --gap 1    the delay level proven, the cost level stopped at
#                           its first plan: the work that cbc and glpsol do
#   planner plan --heuristic
#   cbc and glpsol          on the exported model, time limit BENCH_TIME_LIMIT
# then two growth series (horizon length, number of patients). Prints the
# tables and rewrites docs/benchmarks.md (BENCH_DOC). Figures, not tests:
# nothing here fails on a slow time; it fails only when a tool is missing
# or a run could not be made.
#
# Settings (environment, or make's command line):
#   BENCH_SIZES        sizes to run (default "S M"; S M L XL)
#   BENCH_SEEDS        seeds of each size (default "1 2 3")
#   BENCH_SEEDS_S ...  seeds of one size, instead of BENCH_SEEDS
#   BENCH_TIME_LIMIT   seconds: plan --time-limit, cbc sec, glpsol --tmlim (60)
#   BENCH_GROWTH       yes / no: the two growth series (default yes)
#   BENCH_GROWTH_SEEDS seeds of each growth point (default "1")
#   BENCH_OUT          working folder (default build-bench)
#   BENCH_DOC          the page to write (default docs/benchmarks.md)
#   PLANNER            the program (default build/planner)
#   BENCH_REPORT_ONLY  yes: no runs; the tables and the page again from
#                      BENCH_OUT's results.tsv and machine.env (after an
#                      edit of report.awk or of the prose below)
set -u

PLANNER=${PLANNER:-build/planner}
SIZES=${BENCH_SIZES:-S M}
SEEDS=${BENCH_SEEDS:-1 2 3}
T=${BENCH_TIME_LIMIT:-60}
GROWTH=${BENCH_GROWTH:-yes}
GROWTH_SEEDS=${BENCH_GROWTH_SEEDS:-1}
OUT=${BENCH_OUT:-build-bench}
DOC=${BENCH_DOC:-docs/benchmarks.md}
REPORT_ONLY=${BENCH_REPORT_ONLY:-no}
HERE=$(dirname "$0")

die() { echo "bench: $*" >&2; exit 2; }

# ---- tools and settings -------------------------------------------------
if [ "$REPORT_ONLY" != yes ]; then
missing=""
command -v cbc >/dev/null 2>&1 || missing="$missing coinor-cbc"
command -v glpsol >/dev/null 2>&1 || missing="$missing glpk-utils"
[ -x /usr/bin/time ] || missing="$missing time"
command -v timeout >/dev/null 2>&1 || missing="$missing coreutils"
if [ -n "$missing" ]; then
    echo "bench: missing programs; as root, run:" >&2
    echo "  apt-get install -y$missing" >&2
    exit 1
fi
[ -x "$PLANNER" ] || die "$PLANNER: no such program (run make first)"
case $T in ''|*[!0-9]*|0) die "BENCH_TIME_LIMIT=$T: a whole number of seconds above 0";; esac
case $GROWTH in yes|no) ;; *) die "BENCH_GROWTH=$GROWTH: yes or no";; esac
for s in $SIZES; do
    case $s in S|M|L|XL) ;; *) die "BENCH_SIZES: unknown size $s (S M L XL)";; esac
done
for s in $SEEDS $GROWTH_SEEDS; do
    case $s in ''|*[!0-9]*) die "seed $s: a whole number";; esac
done
# A run of a solver that overruns its own limit by far is stopped here.
GUARD=$((2 * T + 60))

mkdir -p "$OUT/runs" || die "cannot create $OUT"
fi
RES=$OUT/results.tsv
CMDS=$OUT/commands.txt
MACHINE=$OUT/machine.env
if [ "$REPORT_ONLY" = yes ]; then
    [ -f "$RES" ] && [ -f "$MACHINE" ] || die "BENCH_REPORT_ONLY: no $RES or $MACHINE (run make bench first)"
else
: > "$CMDS"
printf 'kind\tlabel\tseed\tmonths\tpatients\trooms\tstaff\tn_patients\trows\tcols\tbins\tW\tC\tplan_s\tplan_mb\tplan_status\tplan_gap\tplan_wu\tplan_wd\tplan_obj\tplan_proven\tat30_level\tat30_gap\tlvl_s\tlvl_mb\tlvl_status\tlvl_obj\tlvl_proven\tcbc_s\tcbc_mb\tcbc_status\tcbc_obj\tcbc_gap\tglp_s\tglp_mb\tglp_status\tglp_obj\tglp_gap\theur_s\theur_obj\tgenopts\n' > "$RES"
fi

# ---- helpers --------------------------------------------------------------
# timed FILE CMD...: run CMD with stdout and stderr as the caller set them;
# FILE gets "seconds peak_KB" (or nothing if the guard had to stop it).
timed() {
    tf=$1; shift
    echo "$*" >> "$CMDS"
    rm -f "$tf"
    # In the background so that an interrupt of make bench stops it too
    # (timeout runs in a process group of its own: see the trap below).
    timeout -k 10 "$GUARD" /usr/bin/time -f '%e %M' -o "$tf" "$@" &
    CUR=$!
    wait "$CUR"
    trc=$?
    CUR=
    return $trc
}
CUR=
exec 3>&2   # the trap may run while a run's stderr goes to its log
trap 'if [ -n "$CUR" ]; then kill -TERM "$CUR" 2>/dev/null; wait "$CUR"; fi; echo "bench: interrupted" >&3; exit 130' INT TERM
# secs FILE / mb FILE: from timed's file; "-" when absent.
secs() { [ -s "$1" ] && tail -n 1 "$1" | awk 'NF==2 && $1 ~ /^[0-9.]+$/ {print $1; ok=1} END{if(!ok) print "-"}' || echo -; }
mb()   { [ -s "$1" ] && tail -n 1 "$1" | awk 'NF==2 && $2 ~ /^[0-9]+$/ {printf "%.1f\n", $2/1024; ok=1} END{if(!ok) print "-"}' || echo -; }
kpi()  { [ -f "$1" ] && awk -F, -v k="$2" '$1==k {print $2; f=1} END{if(!f) print "-"}' "$1" || echo -; }
objective() { # W wu wd C
    awk -v w="$1" -v u="$2" -v d="$3" -v c="$4" 'BEGIN {
        if (u == "-" || d == "-") print "-"; else printf "%.10g\n", w*u + d - c }'
}
proven() { # status delay_bound weighted_delay: 1 when the delay level is proven
    awk -v s="$1" -v b="$2" -v d="$3" 'BEGIN {
        if (s == "optimal") { print 1; exit }
        if (b ~ /^-?[0-9.eE+-]+$/ && d ~ /^-?[0-9.eE+-]+$/ && b + 0 >= d - 1e-6 * (d < 0 ? -d : d) - 1e-6) print 1
        else print 0 }'
}

total_runs=0
for s in $SIZES; do
    eval "ss=\${BENCH_SEEDS_$s:-\$SEEDS}"
    for x in $ss; do total_runs=$((total_runs + 1)); done
done
if [ "$GROWTH" = yes ]; then
    for x in $GROWTH_SEEDS; do total_runs=$((total_runs + 6)); done
fi
run_no=0

# run_case KIND LABEL SEED WITH_GLPSOL MONTHS PATIENTS ROOMS STAFF GENOPTS...
run_case() {
    kind=$1 label=$2 seed=$3 with_glp=$4 months=$5 patients=$6 rooms=$7 staff=$8
    shift 8
    genopts="$*"
    run_no=$((run_no + 1))
    d=$OUT/runs/$kind-$(echo "$label" | tr -c 'A-Za-z0-9\n' '_')-$seed
    rm -rf "$d"; mkdir -p "$d"
    scn=$d/scenario/scenario.ini
    echo "$PLANNER generate $genopts --seed $seed -o $d/scenario" >> "$CMDS"
    "$PLANNER" generate "$@" --seed "$seed" -o "$d/scenario" > "$d/generate.log" 2>&1 \
        || die "generate $genopts --seed $seed failed: $d/generate.log"
    echo "$PLANNER export $scn --mps $d/model.mps" >> "$CMDS"
    "$PLANNER" export "$scn" --mps "$d/model.mps" > "$d/export.out" 2> "$d/export.err" \
        || die "export failed: $d/export.err"
    W=$(sed -n 's/.*objective = \([0-9.eE+-]*\) x weighted_unserved.*/\1/p' "$d/export.out")
    C=$(sed -n 's/.*weighted_delay - \([0-9.eE+-]*\)[[:space:]]*$/\1/p' "$d/export.out")
    W=${W:-0} C=${C:-0}

    # the heuristic alone
    timed "$d/heur.time" "$PLANNER" plan "$scn" -o "$d/heuristic" --heuristic -q \
        > "$d/heur.out" 2> "$d/heur.err"
    heur_s=$(secs "$d/heur.time")
    heur_obj=$(objective "$W" "$(kpi "$d/heuristic/kpis.csv" weighted_unserved)" \
        "$(kpi "$d/heuristic/kpis.csv" weighted_delay)" "$C")

    # the whole plan, with the model size (-v) and the progress lines
    timed "$d/plan.time" "$PLANNER" plan "$scn" -o "$d/plan" --time-limit "$T" -v \
        > "$d/plan.out" 2> "$d/plan.err"
    prc=$?
    k=$d/plan/kpis.csv
    plan_s=$(secs "$d/plan.time"); plan_mb=$(mb "$d/plan.time")
    if [ $prc -le 1 ] && [ -f "$k" ]; then
        plan_status=$(kpi "$k" status)
    else
        plan_status="error($prc)"; rm -f "$k"
    fi
    plan_gap=$(kpi "$k" gap); plan_wu=$(kpi "$k" weighted_unserved); plan_wd=$(kpi "$k" weighted_delay)
    n_pat=$(kpi "$k" patients)
    plan_obj=$(objective "$W" "$plan_wu" "$plan_wd" "$C")
    plan_proven=$(proven "$plan_status" "$(kpi "$k" delay_bound)" "$plan_wd")
    size3=$(sed -n 's/.*model \([0-9]*\) rows, \([0-9]*\) columns (\([0-9]*\) binary).*/\1 \2 \3/p' "$d/plan.err" | tail -n 1)
    set -- $size3 - - -
    rows=$1 cols=$2 bins=$3
    # where the search stood at 30 s (the L target): the last progress line
    at30=$(awk '$1 == "planner:" && $3 == "s" && $2 + 0 <= 30 {
                   lv = $4; g = "-"
                   for (i = 5; i < NF; i++) if ($i == "gap") g = $(i + 1)
               } END { if (lv == "") print "- -"; else print lv, g }' "$d/plan.err")
    set -- $at30
    at30_level=$1 at30_gap=$2

    # the delay level only: the cost level stops at its first plan
    timed "$d/delay.time" "$PLANNER" plan "$scn" -o "$d/plan-delay" --time-limit "$T" --gap 1 -q \
        > "$d/delay.out" 2> "$d/delay.err"
    lrc=$?
    k=$d/plan-delay/kpis.csv
    lvl_s=$(secs "$d/delay.time"); lvl_mb=$(mb "$d/delay.time")
    if [ $lrc -le 1 ] && [ -f "$k" ]; then lvl_status=$(kpi "$k" status); else lvl_status="error($lrc)"; rm -f "$k"; fi
    lvl_obj=$(objective "$W" "$(kpi "$k" weighted_unserved)" "$(kpi "$k" weighted_delay)" "$C")
    lvl_proven=$(proven "$lvl_status" "$(kpi "$k" delay_bound)" "$(kpi "$k" weighted_delay)")

    # cbc on the exported model
    timed "$d/cbc.time" cbc "$d/model.mps" sec "$T" solve > "$d/cbc.log" 2>&1
    cbc_s=$(secs "$d/cbc.time"); cbc_mb=$(mb "$d/cbc.time")
    set -- $(awk '
        /^Result - / { r = $0 }
        /^Objective value:/ { o = $3 }
        /^Gap:/ { g = sprintf("%.4g", $2 * 100) }
        END {
            s = "none"
            if (r ~ /Optimal solution found/) s = "optimal"
            else if (r ~ /infeasible/) s = "infeasible"
            else if (r ~ /time/) s = "time_limit"
            else if (r != "") s = "stopped"
            print s, (o == "" ? "-" : o), (g == "" ? "-" : g) }' "$d/cbc.log")
    cbc_status=$1 cbc_obj=$2 cbc_gap=$3

    # glpsol with its defaults on the exported model
    if [ "$with_glp" = yes ]; then
        timed "$d/glpsol.time" glpsol --freemps "$d/model.mps" --tmlim "$T" -w "$d/glpsol.sol" \
            > "$d/glpsol.log" 2>&1
        glp_s=$(secs "$d/glpsol.time"); glp_mb=$(mb "$d/glpsol.time")
        set -- $( { [ -f "$d/glpsol.sol" ] && cat "$d/glpsol.sol"; } | awk '
            $1 == "s" && $2 == "mip" { st = $5; o = $6 }
            END {
                s = "none"
                if (st == "o") s = "optimal"; else if (st == "f") s = "time_limit"
                else if (st == "n") s = "infeasible"; else if (st == "u") s = "no_solution"
                print s, (st == "f" || st == "o" ? o : "-") }')
        glp_status=$1 glp_obj=$2
        glp_gap=$(awk '/mip =/ && /%/ { for (i = 1; i <= NF; i++) if ($i ~ /%$/) { g = $i; if (g == "%") g = $(i - 1) } }
                       END { sub(/%$/, "", g); print (g == "" ? "-" : g) }' "$d/glpsol.log")
    else
        glp_s=- glp_mb=- glp_status=skipped glp_obj=- glp_gap=-
    fi

    printf '%s\t' "$kind" "$label" "$seed" "$months" "$patients" "$rooms" "$staff" "$n_pat" \
        "$rows" "$cols" "$bins" "$W" "$C" \
        "$plan_s" "$plan_mb" "$plan_status" "$plan_gap" "$plan_wu" "$plan_wd" "$plan_obj" "$plan_proven" \
        "$at30_level" "$at30_gap" \
        "$lvl_s" "$lvl_mb" "$lvl_status" "$lvl_obj" "$lvl_proven" \
        "$cbc_s" "$cbc_mb" "$cbc_status" "$cbc_obj" "$cbc_gap" \
        "$glp_s" "$glp_mb" "$glp_status" "$glp_obj" "$glp_gap" \
        "$heur_s" "$heur_obj" >> "$RES"
    printf '%s\n' "$genopts" >> "$RES"
    printf 'bench: [%d/%d] %s %s seed %s: plan %s s %s (obj %s), delay level %s s, cbc %s s %s (obj %s), glpsol %s s %s (obj %s), heuristic %s\n' \
        "$run_no" "$total_runs" "$kind" "$label" "$seed" "$plan_s" "$plan_status" "$plan_obj" "$lvl_s" \
        "$cbc_s" "$cbc_status" "$cbc_obj" "$glp_s" "$glp_status" "$glp_obj" "$heur_obj" >&2
}

# ---- the machine ----------------------------------------------------------
if [ "$REPORT_ONLY" = yes ]; then
    case $MACHINE in /*) . "$MACHINE";; *) . "./$MACHINE";; esac
else
started=$(date -u '+%Y-%m-%d %H:%M UTC')
t_start=$(date +%s)
load_start=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo -)
cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)
mem=$(awk '/^MemTotal:/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo 2>/dev/null)
os=$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME")
glpk_v=$(glpsol --version 2>/dev/null | head -n 1)
glpk_lib=$(dpkg-query -W -f='${Package} ${Version}' 'libglpk4*' 2>/dev/null | head -n 1)
cbc_v=$(cbc -quit 2>/dev/null | sed -n 's/^Version: *\([^ ]*\).*/\1/p' | head -n 1)
planner_v=$("$PLANNER" --version 2>/dev/null | head -n 1)
commit=$(git rev-parse --short HEAD 2>/dev/null || echo -)
[ -n "$(git status --porcelain -- models solver planner 2>/dev/null)" ] && commit="$commit (with uncommitted changes in the sources)"
nprocs=$(nproc 2>/dev/null || echo -)
kernel=$(uname -r)

echo "bench: $total_runs scenarios, time limit $T s; working folder $OUT; load average $load_start" >&2

# ---- the runs -------------------------------------------------------------
for s in $SIZES; do
    eval "ss=\${BENCH_SEEDS_$s:-\$SEEDS}"
    for x in $ss; do
        run_case size "$s" "$x" yes - - - - --size "$s"
    done
done
if [ "$GROWTH" = yes ]; then
    # Horizon: 12, 24, 36 months at the S preset's enrollment rate
    # (40 patients a year) with its 2 rooms, 8 staff, 8 materials, 2 sites.
    for x in $GROWTH_SEEDS; do
        for m in 12 24 36; do
            p=$((m * 40 / 12))
            run_case horizon "$m mo" "$x" no "$m" "$p" 2 8 --size S --months "$m" --patients "$p"
        done
    done
    # Patients: 12 months; 50, 100, 200 patients, rooms and staff scaled
    # with them (2/4/8 rooms, 10/20/40 staff), 10 materials, 3 sites.
    for x in $GROWTH_SEEDS; do
        for p in 50 100 200; do
            r=$((p / 25)); st=$((p / 5))
            run_case patients "$p pt" "$x" no 12 "$p" "$r" "$st" \
                --size S --months 12 --patients "$p" --rooms "$r" --staff "$st" --materials 10 --sites 3
        done
    done
fi

t_end=$(date +%s)
elapsed=$((t_end - t_start))
load_end=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo -)

make_line="make bench BENCH_SIZES=\"$SIZES\" BENCH_SEEDS=\"$SEEDS\""
for s in $SIZES; do
    eval "v=\${BENCH_SEEDS_$s:-}"
    [ -n "$v" ] && make_line="$make_line BENCH_SEEDS_$s=\"$v\""
done
make_line="$make_line BENCH_TIME_LIMIT=$T"
[ "$GROWTH" = yes ] && make_line="$make_line BENCH_GROWTH_SEEDS=\"$GROWTH_SEEDS\"" \
                    || make_line="$make_line BENCH_GROWTH=no"

# what the page needs, for BENCH_REPORT_ONLY
q() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }
{
    for v in T started elapsed load_start load_end cpu mem os glpk_v glpk_lib cbc_v \
             planner_v commit nprocs kernel make_line; do
        eval "val=\$$v"
        printf '%s=%s\n' "$v" "$(q "$val")"
    done
} > "$MACHINE"
fi

# ---- the tables and the page -------------------------------------------------
TABLES=$OUT/tables.md
awk -F'\t' -v T="$T" -f "$HERE/report.awk" "$RES" > "$TABLES" || die "report failed"

tmp=$DOC.tmp.$$
{
cat <<'EOF'
# Benchmarks: planner against cbc and glpsol

This page is written by `make bench` (`bench/run.sh`, tables by
`bench/report.awk`); edit those, not the page. Benchmarks print figures:
they are not tests, `make check` and CI never run them, and nothing fails
on a slow time.

For each size (`planner generate --size S|M|L|XL`) and each seed, one run
generates a scenario, exports its MILP (`planner export --mps`) and then,
one after the other on the same machine, each under `/usr/bin/time -f "%e %M"`
(wall-clock seconds of the whole process, peak resident memory):

1. `planner plan --heuristic`: the constructive plan alone;
2. `planner plan -v`: the whole plan as users run it: the delay level
   (W x weighted unserved + weighted delay) proven optimal, then the cost
   level to a gap of 0.01 %, then the six plan files (`-v` gives the model
   size);
3. `planner plan --gap 1`: the same, but the cost level stops at its first
   plan, so its time is that of the delay level: the very problem that the
   exported file holds, and the fair comparison with cbc and glpsol;
4. `cbc` (default settings) on the exported file;
5. `glpsol` (default settings) on the exported file.

Every solver has the same time limit. Then two growth series, with the
whole plan, the delay level and cbc (glpsol is left out there).

## How to reproduce

EOF
printf '```\n%s\n```\n\n' "$make_line"
cat <<'EOF'
`BENCH_SIZES` (default `S M`), `BENCH_SEEDS` (default `1 2 3`),
`BENCH_SEEDS_L` and the like (seeds of one size), `BENCH_TIME_LIMIT`
(seconds, default 60: `plan --time-limit`, cbc `sec`, glpsol `--tmlim`),
`BENCH_GROWTH=no` (no growth series), `BENCH_GROWTH_SEEDS` (default `1`),
`BENCH_OUT` (working folder, default `build-bench/`: scenarios, models,
plans, every log, `results.tsv` with one line per scenario, and
`commands.txt` with every command line run). The exact commands, for one
scenario folder `DIR`:

EOF
printf '```\n'
printf 'planner generate --size M --seed 1 -o DIR/scenario\n'
printf 'planner export DIR/scenario/scenario.ini --mps DIR/model.mps\n'
printf '/usr/bin/time -f "%%e %%M" planner plan DIR/scenario/scenario.ini -o DIR/heuristic --heuristic -q\n'
printf '/usr/bin/time -f "%%e %%M" planner plan DIR/scenario/scenario.ini -o DIR/plan --time-limit %s -v\n' "$T"
printf '/usr/bin/time -f "%%e %%M" planner plan DIR/scenario/scenario.ini -o DIR/plan-delay --time-limit %s --gap 1 -q\n' "$T"
printf '/usr/bin/time -f "%%e %%M" cbc DIR/model.mps sec %s solve\n' "$T"
printf '/usr/bin/time -f "%%e %%M" glpsol --freemps DIR/model.mps --tmlim %s -w DIR/glpsol.sol\n' "$T"
printf '```\n\n'
cat <<'EOF'
The objective compared is the exported one: W x `weighted_unserved` +
`weighted_delay` - C, with W and C as `planner export` prints them and the
two KPIs from the plan's kpis.csv; cbc's `Objective value:`; glpsol's
`s mip` line of the `-w` file.

## The machine

EOF
printf '| | |\n|---|---|\n'
printf '| run | %s, %s min %s s |\n' "$started" "$((elapsed / 60))" "$((elapsed % 60))"
printf '| processors | %s (`nproc`), %s |\n' "$nprocs" "${cpu:--}"
printf '| memory | %s |\n' "${mem:--}"
printf '| system | %s, Linux %s |\n' "${os:--}" "$kernel"
printf '| load average | %s at the start, %s at the end (1, 5, 15 min) |\n' "$load_start" "$load_end"
printf '| planner | %s, commit %s, built with `make` (-O2) |\n' "${planner_v:--}" "$commit"
printf '| GLPK | %s; library %s |\n' "${glpk_v:--}" "${glpk_lib:--}"
printf '| CBC | %s (one thread, its default) |\n' "${cbc_v:--}"
printf '\n'
cat "$TABLES"
# What made it fast, step by step: written by hand (figures measured
# then, with the commands given there), kept in bench/steps.md.
if [ -f "$HERE/steps.md" ]; then
    printf '\n'
    cat "$HERE/steps.md"
fi
cat <<'EOF'

## Reading the figures

- **Times are wall clock of the whole process**: reading the scenario
  or the MPS file, building the model, solving, and for `planner plan`
  writing six CSV files and the summary. Peak memory is the largest
  resident set (`%M`) of the process.
- **Medians.** A run stopped by the time limit has no time to optimum,
  only a lower bound; it counts as slower than any finished run, and a
  median that falls on such a run is printed `>= t`. The ratios are
  ratios of the medians, with the same `>=` (or `<=`) when a median is a
  bound, and `?` when both are bounds.
  With three seeds a median is the middle run: one unlucky seed does not
  move it, two do.
- **Whole plan against delay level.** cbc and glpsol solve the exported
  file only: the unserved and delay levels in one objective. The whole
  plan then also solves the cost level (room days, material purchases)
  with the delay held at its optimum. `plan --gap 1` stops the cost level
  at its first plan: it is the planner's time for the same problem as
  cbc's, and its `delay level / cbc` ratio is the like-for-like one. The
  targets are read on the whole plan, the one users wait for, with the
  delay level beside it.
- **Over the limit.** The solvers look at the clock only now and then
  (GLPK between the steps of its search), so a run may end some seconds
  after the time limit; the time printed is the real one. A run still
  going at twice the limit plus a minute is stopped by the script and has
  no time.
- **Objectives agree** when every solver that proved an optimum found the
  same value (to 1e-6, relative), and no solver's plan is better than
  another's proven optimum. A disagreement is a bug in the model, the
  export or a solver; the scenario and the numbers are listed under
  "Disagreements".
- **The heuristic against the optimum**: (heuristic - optimum) / optimum
  on the exported objective, so an unserved patient weighs W. The optimum
  is a proven one (planner, cbc or glpsol); when none is proven, the best
  objective found, and the figure is marked `~`.
- **The L target** (within 0.5 % in 30 s) is read from the whole plan: a
  run that finished within 30 s, or one whose last progress line by 30 s
  shows a gap of at most 0.5 %: the gap that kpis.csv would report with
  `--time-limit 30`, of the level being solved then. A gap of the delay
  level means that the cost level was not started: the plan's cost is
  then the heuristic's.
- **Noise.** The machine may be shared (see the load average): times
  can vary by a factor of two between runs of the same scenario, more for
  runs that stop at the time limit. Compare ratios measured in the same
  run, and rerun before drawing a conclusion from one figure.
- **Growth series.** The horizon series keeps the enrollment rate of the
  S preset (40 patients a year) and its 2 rooms, and grows the horizon;
  the patients series keeps 12 months and grows patients with rooms and
  staff in proportion. `x first` is the time against the first point of
  the series.
EOF
} > "$tmp" && mv "$tmp" "$DOC" || { rm -f "$tmp"; die "cannot write $DOC"; }

cat "$TABLES"
echo
if [ "$REPORT_ONLY" = yes ]; then echo "bench: written $DOC from $RES"
else echo "bench: $total_runs scenarios in $((elapsed / 60)) min $((elapsed % 60)) s; written $DOC; runs in $OUT/runs"; fi
