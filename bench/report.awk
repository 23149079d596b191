# bench/report.awk: the tables of docs/benchmarks.md from bench/run.sh's
# results.tsv (tab-separated, one header line, one line per scenario).
# awk -F'\t' -v T=SECONDS -f bench/report.awk results.tsv
# Plain POSIX awk (mawk is enough).

function isnum(x) { return x ~ /^-?[0-9]+(\.[0-9]*)?([eE][-+]?[0-9]+)?$/ }
function abs(x) { return x < 0 ? -x : x }
function f(row, name) { return V[row, name] }
function ft(x) { return x < 10 ? sprintf("%.2f", x) : sprintf("%.1f", x) }
function fi(x) { return x == "" ? "-" : sprintf("%.0f", x) }
function fo(x) { return isnum(x) ? sprintf("%.10g", x) : x }
function fr(r) { return r < 1 ? sprintf("%.2f", r) : (r < 100 ? sprintf("%.1f", r) : sprintf("%.0f", r)) }
function same(a, b) { return abs(a - b) <= 1e-6 * (abs(a) > abs(b) ? abs(a) : abs(b)) + 1e-6 }

# median(vals, cens, n): sets MV (the value) and MC (1: a lower bound, the
# median falls on a run stopped at the limit). Censored runs sort after
# every finished run.
function median(vals, cens, n,    i, j, kv, kc, tv, tc, sv, sc) {
    for (i = 1; i <= n; i++) { sv[i] = vals[i]; sc[i] = cens[i] }
    for (i = 2; i <= n; i++) {
        tv = sv[i]; tc = sc[i]
        for (j = i - 1; j >= 1 && (sc[j] > tc || (sc[j] == tc && sv[j] > tv)); j--) {
            sv[j + 1] = sv[j]; sc[j + 1] = sc[j]
        }
        sv[j + 1] = tv; sc[j + 1] = tc
    }
    if (n == 0) { MV = ""; MC = 0; return }
    if (n % 2) { MV = sv[(n + 1) / 2]; MC = sc[(n + 1) / 2] }
    else { MV = (sv[n / 2] + sv[n / 2 + 1]) / 2; MC = sc[n / 2] || sc[n / 2 + 1] }
}
function fm(v, c) { return v == "" ? "-" : (c ? ">= " : "") ft(v) }
# a / b where either may be a lower bound
function ratio(a, ac, b, bc) {
    if (a == "" || b == "" || b <= 0) return "-"
    if (ac && bc) return "?"
    if (ac) return ">= " fr(a / b)
    if (bc) return "<= " fr(a / b)
    return fr(a / b)
}

# Per scenario: which objectives are proven, whether they agree, the optimum.
function check(r,    np, nf, i, j, pv, pn, fv, fn, msg, best) {
    np = 0; nf = 0
    if (f(r, "plan_proven") == 1 && isnum(f(r, "plan_obj"))) { pv[++np] = f(r, "plan_obj"); pn[np] = "planner plan" }
    else if (isnum(f(r, "plan_obj"))) { fv[++nf] = f(r, "plan_obj"); fn[nf] = "planner plan" }
    if (f(r, "lvl_proven") == 1 && isnum(f(r, "lvl_obj"))) { pv[++np] = f(r, "lvl_obj"); pn[np] = "planner plan --gap 1" }
    else if (isnum(f(r, "lvl_obj"))) { fv[++nf] = f(r, "lvl_obj"); fn[nf] = "planner plan --gap 1" }
    if (f(r, "cbc_status") == "optimal" && isnum(f(r, "cbc_obj"))) { pv[++np] = f(r, "cbc_obj"); pn[np] = "cbc" }
    else if (isnum(f(r, "cbc_obj"))) { fv[++nf] = f(r, "cbc_obj"); fn[nf] = "cbc" }
    if (f(r, "glp_status") == "optimal" && isnum(f(r, "glp_obj"))) { pv[++np] = f(r, "glp_obj"); pn[np] = "glpsol" }
    else if (isnum(f(r, "glp_obj"))) { fv[++nf] = f(r, "glp_obj"); fn[nf] = "glpsol" }
    msg = ""
    for (i = 2; i <= np; i++)
        if (!same(pv[i], pv[1])) msg = msg sprintf("; %s proves %s, %s proves %s", pn[1], fo(pv[1]), pn[i], fo(pv[i]))
    for (i = 1; i <= np; i++) for (j = 1; j <= nf; j++)
        if (fv[j] < pv[i] - 1e-6 * abs(pv[i]) - 1e-6)
            msg = msg sprintf("; %s found %s, below the optimum %s that %s proves", fn[j], fo(fv[j]), fo(pv[i]), pn[i])
    AGREE_MSG[r] = substr(msg, 3)
    if (msg != "") AGREE[r] = "NO"
    else if (np >= 2) AGREE[r] = "yes"
    else AGREE[r] = "n/a"
    if (np > 0) { OPT[r] = pv[1]; OPT_APPROX[r] = 0 }
    else {
        best = ""
        for (j = 1; j <= nf; j++) if (best == "" || fv[j] < best) best = fv[j]
        OPT[r] = best; OPT_APPROX[r] = 1
    }
    # the heuristic against it, in %
    h = f(r, "heur_obj")
    if (!isnum(h) || OPT[r] == "") HEUR[r] = ""
    else if (OPT[r] == 0) HEUR[r] = (h == 0 ? 0 : 1e300)
    else HEUR[r] = (h - OPT[r]) / OPT[r] * 100
}
function fh(x, approx) {
    if (x == "") return "-"
    return (approx ? "~" : "") (x >= 1e299 ? "+inf" : sprintf("+%.1f %%", x))
}
function status(st, gap) {
    if (st == "optimal") return "optimal"
    if (st == "time_limit" && isnum(gap)) return sprintf("limit, gap %.2f %%", gap * 100)
    return st
}

NR == 1 { for (i = 1; i <= NF; i++) COL[i] = $i; next }
{
    n++
    for (i = 1; i <= NF; i++) V[n, COL[i]] = $i
    g = V[n, "kind"] SUBSEP V[n, "label"]
    if (!(g in GN)) { GN[g] = 0; GROUPS[++ng] = g; GKIND[ng] = V[n, "kind"]; GLABEL[ng] = V[n, "label"] }
    GROW[g, ++GN[g]] = n
    check(n)
}

# group statistics: G_* indexed by group number
function stats(k,    g, m, i, r, a, c, opt, gapmax, hx, happ, hat, mbmax) {
    g = GROUPS[k]; m = GN[g]
    G_SEEDS[k] = ""
    opt = 0; gapmax = ""; happ = 0; hat = 0; mbmax = ""
    for (i = 1; i <= m; i++) {
        r = GROW[g, i]
        G_SEEDS[k] = G_SEEDS[k] (i > 1 ? " " : "") f(r, "seed")
        if (f(r, "plan_status") == "optimal") opt++
        else if (f(r, "plan_proven") == 1) G_DP[k]++
        else G_DL[k]++
        if (f(r, "plan_status") != "optimal" && isnum(f(r, "plan_gap")) && (gapmax == "" || f(r, "plan_gap") > gapmax)) gapmax = f(r, "plan_gap")
        if (isnum(f(r, "plan_mb")) && (mbmax == "" || f(r, "plan_mb") + 0 > mbmax)) mbmax = f(r, "plan_mb") + 0
        if (OPT_APPROX[r]) happ = 1
        if (HEUR[r] == 0 && HEUR[r] != "") hat++
    }
    G_N[k] = m; G_OPT[k] = opt; G_GAPMAX[k] = gapmax; G_MBMAX[k] = mbmax
    G_HAPPROX[k] = happ; G_HAT[k] = hat
    split("rows cols bins plan_mb lvl_mb cbc_mb glp_mb n_patients", NUMS, " ")
    for (j = 1; j in NUMS; j++) {
        c = 0
        for (i = 1; i <= m; i++) { r = GROW[g, i]; if (isnum(f(r, NUMS[j]))) { a[++c] = f(r, NUMS[j]); cz[c] = 0 } }
        median(a, cz, c); G[k, NUMS[j]] = MV
    }
    # times: censored when not proven
    split("plan lvl cbc glp", TS, " ")
    for (j = 1; j in TS; j++) {
        c = 0
        for (i = 1; i <= m; i++) {
            r = GROW[g, i]
            if (!isnum(f(r, TS[j] "_s"))) continue
            a[++c] = f(r, TS[j] "_s")
            if (TS[j] == "plan") cz[c] = f(r, "plan_status") != "optimal"
            else if (TS[j] == "lvl") cz[c] = f(r, "lvl_proven") != 1
            else cz[c] = f(r, TS[j] "_status") != "optimal"
        }
        median(a, cz, c); G[k, TS[j] "_s"] = MV; G[k, TS[j] "_c"] = MC
    }
    c = 0
    for (i = 1; i <= m; i++) { r = GROW[g, i]; if (HEUR[r] != "") { a[++c] = HEUR[r]; cz[c] = 0 } }
    median(a, cz, c); G[k, "heur"] = MV
    na = 0; nno = 0
    for (i = 1; i <= m; i++) { r = GROW[g, i]; if (AGREE[r] == "yes") na++; else if (AGREE[r] == "NO") nno++ }
    G_AGREE[k] = "yes on " na "/" m (m - na - nno ? ", n/a on " (m - na - nno) : "") (nno ? ", DISAGREE on " nno : "")
}
function plan_status_text(k) {
    s = G_OPT[k] "/" G_N[k] " optimal"
    if (G_DP[k]) s = s "; " G_DP[k] " stopped in the cost level (delay proven)"
    if (G_DL[k]) s = s "; " G_DL[k] " stopped in the delay level"
    if (G_GAPMAX[k] != "") s = s sprintf(", gap at the limit <= %.2f %%", G_GAPMAX[k] * 100)
    return s
}
function heur_text(k) {
    return fh(G[k, "heur"], G_HAPPROX[k]) " (" G_HAT[k] "/" G_N[k] " at the optimum)"
}

END {
    if (n == 0) { print "No runs."; exit }
    for (k = 1; k <= ng; k++) stats(k)

    nsize = 0
    for (k = 1; k <= ng; k++) if (GKIND[k] == "size") SIZEK[++nsize] = k
    if (nsize) {
        print "## The planner, medians per size"
        print ""
        print "| size | seeds | patients | rows | cols | binaries | plan s | plan status | peak MB | delay level s | heuristic vs optimum |"
        print "|---|---|--:|--:|--:|--:|--:|---|--:|--:|---|"
        for (i = 1; i <= nsize; i++) {
            k = SIZEK[i]
            printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", GLABEL[k], G_SEEDS[k],
                fi(G[k, "n_patients"]), fi(G[k, "rows"]), fi(G[k, "cols"]), fi(G[k, "bins"]),
                fm(G[k, "plan_s"], G[k, "plan_c"]), plan_status_text(k),
                G[k, "plan_mb"] == "" ? "-" : sprintf("%.0f", G[k, "plan_mb"]),
                fm(G[k, "lvl_s"], G[k, "lvl_c"]), heur_text(k)
        }
        print ""
        print "## Side by side, medians per size"
        print ""
        print "| size | plan s | delay level s | cbc s | glpsol s | plan / cbc | delay level / cbc | glpsol / plan | glpsol / delay level | cbc MB | glpsol MB | objectives agree |"
        print "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|"
        for (i = 1; i <= nsize; i++) {
            k = SIZEK[i]
            printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", GLABEL[k],
                fm(G[k, "plan_s"], G[k, "plan_c"]), fm(G[k, "lvl_s"], G[k, "lvl_c"]),
                fm(G[k, "cbc_s"], G[k, "cbc_c"]), fm(G[k, "glp_s"], G[k, "glp_c"]),
                ratio(G[k, "plan_s"], G[k, "plan_c"], G[k, "cbc_s"], G[k, "cbc_c"]),
                ratio(G[k, "lvl_s"], G[k, "lvl_c"], G[k, "cbc_s"], G[k, "cbc_c"]),
                ratio(G[k, "glp_s"], G[k, "glp_c"], G[k, "plan_s"], G[k, "plan_c"]),
                ratio(G[k, "glp_s"], G[k, "glp_c"], G[k, "lvl_s"], G[k, "lvl_c"]),
                G[k, "cbc_mb"] == "" ? "-" : sprintf("%.0f", G[k, "cbc_mb"]),
                G[k, "glp_mb"] == "" ? "-" : sprintf("%.0f", G[k, "glp_mb"]), G_AGREE[k]
        }
        print ""
        print "## Against the targets"
        print ""
        print "Per seed where the target is per run; on the medians for the ratios."
        print ""
        print "| size | target | measured | met |"
        print "|---|---|---|---|"
        for (i = 1; i <= nsize; i++) {
            k = SIZEK[i]; L = GLABEL[k]; g = GROUPS[k]
            if (L == "S" || L == "M") {
                lim = (L == "S") ? 1 : 5; ok = 0; mx = ""
                for (j = 1; j <= G_N[k]; j++) {
                    r = GROW[g, j]
                    if (f(r, "plan_status") == "optimal" && isnum(f(r, "plan_s")) && f(r, "plan_s") <= lim) ok++
                    if (isnum(f(r, "plan_s")) && (mx == "" || f(r, "plan_s") + 0 > mx)) mx = f(r, "plan_s") + 0
                }
                printf "| %s | proven optimal in <= %d s | %s; median %s s, slowest %s s | %s on %d/%d seeds |\n",
                    L, lim, plan_status_text(k), fm(G[k, "plan_s"], G[k, "plan_c"]), mx == "" ? "-" : ft(mx),
                    ok == G_N[k] ? "yes" : "no", ok, G_N[k]
            }
            if (L == "L") {
                ok = 0; at = ""
                for (j = 1; j <= G_N[k]; j++) {
                    r = GROW[g, j]
                    fin = isnum(f(r, "plan_s")) && f(r, "plan_s") <= 30
                    t_ok = (fin && (f(r, "plan_status") == "optimal" ||
                                    (isnum(f(r, "plan_gap")) && f(r, "plan_gap") * 100 <= 0.5))) ||
                           (!fin && isnum(f(r, "at30_gap")) && f(r, "at30_gap") <= 0.5)
                    if (t_ok && isnum(f(r, "plan_mb")) && f(r, "plan_mb") <= 300) ok++
                    at = at (j > 1 ? ", " : "") (fin ? "done" : (isnum(f(r, "at30_gap")) ? f(r, "at30_gap") " % (" f(r, "at30_level") " level)" : "-"))
                }
                printf "| L | within 0.5 %% in <= 30 s, <= 300 MB | %s; gap at 30 s: %s; median %s s; peak %s MB at most | %s on %d/%d seeds |\n",
                    plan_status_text(k), at, fm(G[k, "plan_s"], G[k, "plan_c"]),
                    G_MBMAX[k] == "" ? "-" : sprintf("%.0f", G_MBMAX[k]), ok == G_N[k] ? "yes" : "no", ok, G_N[k]
            }
            if (L == "XL") {
                # A plan within the time limit (GLPK looks at the clock
                # between steps: a few seconds over count), with a gap,
                # under 2 GiB.
                ok = 0
                for (j = 1; j <= G_N[k]; j++) {
                    r = GROW[g, j]
                    st = f(r, "plan_status")
                    if ((st == "optimal" || st == "time_limit") && isnum(f(r, "plan_s")) &&
                        f(r, "plan_s") <= T + 10 && isnum(f(r, "plan_mb")) && f(r, "plan_mb") < 2048) ok++
                }
                printf "| XL | a plan within the time limit (%s s), with its gap, < 2 GiB | %s; median %s s; peak %s MB at most | %s on %d/%d seeds |\n",
                    T, plan_status_text(k), fm(G[k, "plan_s"], G[k, "plan_c"]),
                    G_MBMAX[k] == "" ? "-" : sprintf("%.0f", G_MBMAX[k]), ok == G_N[k] ? "yes" : "no", ok, G_N[k]
            }
        }
        for (i = 1; i <= nsize; i++) {
            k = SIZEK[i]; L = GLABEL[k]
            if (L != "M" && L != "L") continue
            rw = ratio(G[k, "plan_s"], G[k, "plan_c"], G[k, "cbc_s"], G[k, "cbc_c"])
            rl = ratio(G[k, "lvl_s"], G[k, "lvl_c"], G[k, "cbc_s"], G[k, "cbc_c"])
            printf "| %s | planner <= 2x cbc | whole plan %s cbc; delay level %s cbc | %s |\n", L, tx(rw), tx(rl), met_le(rw, 2)
        }
        for (i = 1; i <= nsize; i++) {
            k = SIZEK[i]; L = GLABEL[k]
            if (L != "M" && L != "L") continue   # the issue sets it on M and L
            rw = ratio(G[k, "glp_s"], G[k, "glp_c"], G[k, "plan_s"], G[k, "plan_c"])
            rl = ratio(G[k, "glp_s"], G[k, "glp_c"], G[k, "lvl_s"], G[k, "lvl_c"])
            printf "| %s | >= 10x faster than glpsol defaults | glpsol %s the whole plan; %s the delay level | %s |\n", L, tx(rw), tx(rl), met_ge(rw, 10)
        }
        print ""
    }

    for (pass = 1; pass <= 2; pass++) {
        kind = pass == 1 ? "horizon" : "patients"
        first = 0
        for (k = 1; k <= ng; k++) {
            if (GKIND[k] != kind) continue
            g = GROUPS[k]; r = GROW[g, 1]
            if (!first) {
                first = k
                if (kind == "horizon") {
                    print "## Growth with the horizon (constant enrollment rate)"
                    print ""
                    print "Options `--size S --months M --patients 40xM/12`: 2 rooms, 8 staff, 8 materials, 2 sites."
                } else {
                    print "## Growth with the number of patients"
                    print ""
                    print "Options `--size S --months 12 --patients P --rooms P/25 --staff P/5 --materials 10 --sites 3`."
                }
                print ""
                print "| months | patients | rooms | staff | rows | cols | binaries | plan s | x first | plan status | peak MB | delay level s | x first | cbc s | delay level / cbc | heuristic vs optimum |"
                print "|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|--:|--:|--:|--:|--:|---|"
            }
            printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
                f(r, "months"), fi(G[k, "n_patients"]), f(r, "rooms"), f(r, "staff"),
                fi(G[k, "rows"]), fi(G[k, "cols"]), fi(G[k, "bins"]),
                fm(G[k, "plan_s"], G[k, "plan_c"]),
                ratio(G[k, "plan_s"], G[k, "plan_c"], G[first, "plan_s"], G[first, "plan_c"]),
                plan_status_text(k), G[k, "plan_mb"] == "" ? "-" : sprintf("%.0f", G[k, "plan_mb"]),
                fm(G[k, "lvl_s"], G[k, "lvl_c"]),
                ratio(G[k, "lvl_s"], G[k, "lvl_c"], G[first, "lvl_s"], G[first, "lvl_c"]),
                fm(G[k, "cbc_s"], G[k, "cbc_c"]),
                ratio(G[k, "lvl_s"], G[k, "lvl_c"], G[k, "cbc_s"], G[k, "cbc_c"]), heur_text(k)
        }
        if (first) print ""
    }

    print "## Every run"
    print ""
    print "Objective: W x weighted unserved + weighted delay - C, as exported; `limit` = stopped at the time limit, with the gap the solver reported."
    print ""
    print "| scenario | seed | W | plan s | plan | MB | objective | delay level s | cbc s | cbc | cbc objective | glpsol s | glpsol | glpsol objective | heuristic objective | agree |"
    print "|---|--:|--:|--:|---|--:|--:|--:|--:|---|--:|--:|---|--:|--:|---|"
    for (r = 1; r <= n; r++) {
        nm = f(r, "kind") == "size" ? f(r, "label") : f(r, "kind") " " f(r, "label")
        cs = f(r, "cbc_status"); if (cs == "time_limit" && isnum(f(r, "cbc_gap"))) cs = "limit, gap " f(r, "cbc_gap") " %"
        else if (cs == "time_limit") cs = "limit"
        gs = f(r, "glp_status"); if (gs == "time_limit" && isnum(f(r, "glp_gap"))) gs = "limit, gap " f(r, "glp_gap") " %"
        else if (gs == "time_limit") gs = "limit"
        ps = status(f(r, "plan_status"), f(r, "plan_gap"))
        if (ps != "optimal" && f(r, "plan_proven") == 1) ps = ps " (delay proven)"
        printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
            nm, f(r, "seed"), f(r, "W"), f(r, "plan_s"), ps, f(r, "plan_mb"), fo(f(r, "plan_obj")),
            f(r, "lvl_s") (f(r, "lvl_proven") == 1 ? "" : " (not proven)"),
            f(r, "cbc_s"), cs, fo(f(r, "cbc_obj")), f(r, "glp_s"), gs, fo(f(r, "glp_obj")),
            fo(f(r, "heur_obj")), AGREE[r]
    }
    print ""
    print "## Disagreements"
    print ""
    nd = 0
    for (r = 1; r <= n; r++) if (AGREE[r] == "NO") {
        nd++
        printf "- `planner generate %s --seed %s`: %s.\n", f(r, "genopts"), f(r, "seed"), AGREE_MSG[r]
    }
    if (!nd) print "None: wherever two solvers proved an optimum, they found the same objective, and no plan was better than a proven optimum."
}
function tx(x) { return x == "?" ? "? x (both at the limit)" : x "x" }
function met_le(x, lim,    v) {
    if (x == "-" || x == "?") return "?"
    if (x ~ /^>= /) { v = substr(x, 4) + 0; return v > lim ? "no" : "?" }
    if (x ~ /^<= /) { v = substr(x, 4) + 0; return v <= lim ? "yes" : "?" }
    return x + 0 <= lim ? "yes" : "no"
}
function met_ge(x, lim,    v) {
    if (x == "-" || x == "?") return "?"
    if (x ~ /^>= /) { v = substr(x, 4) + 0; return v >= lim ? "yes" : "not shown: glpsol stopped at the limit" }
    if (x ~ /^<= /) { v = substr(x, 4) + 0; return v < lim ? "no" : "?" }
    return x + 0 >= lim ? "yes" : "no"
}
