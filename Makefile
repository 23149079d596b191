# planner: production scheduling for patient-specific cell therapy.
# User settings first; everything below them is the house's.
CC      ?= cc
PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
DOCDIR  ?= $(PREFIX)/share/doc/planner
DESTDIR ?=
OPT     ?= -O2 -g
SAN     ?=
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
VERSION := 0.1.0

WARN    := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wpointer-arith -Wformat=2 -Wundef -Wcast-qual -Wvla \
           -Wno-format-nonliteral
CSTD    := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
INCS    := -I. -I/usr/include/iniparser
CRIT_CFLAGS := $(shell pkg-config --cflags criterion 2>/dev/null)
CRIT_LIBS   := $(shell pkg-config --libs criterion 2>/dev/null || echo -lcriterion)
XLSX_LIBS := $(shell pkg-config --libs xlsxwriter 2>/dev/null || echo -lxlsxwriter -lz)
LIBS    := -lglpk -lcsv -liniparser $(XLSX_LIBS) -lm

ifeq ($(SAN),1)
  SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
  BUILD    ?= build-san
else
  SANFLAGS :=
  BUILD    ?= build
endif

ALL_CFLAGS  = $(CSTD) $(OPT) $(WARN) $(INCS) $(SANFLAGS) -DPLANNER_VERSION='"$(VERSION)"' -MMD -MP $(CFLAGS)
ALL_LDFLAGS = $(SANFLAGS) $(LDFLAGS)

LIB_SRC  := $(wildcard models/*.c) $(wildcard solver/*.c) \
            $(filter-out planner/main.c,$(wildcard planner/*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
MAIN_OBJ := $(BUILD)/obj/planner/main.o
TEST_SRC ?= $(wildcard tests/*.c)
TEST_OBJ := $(TEST_SRC:%.c=$(BUILD)/obj/%.o)
LIB      := $(BUILD)/libplanner.a
PROG     := $(BUILD)/planner
TESTS    := $(BUILD)/tests/run

.PHONY: all check test install uninstall installcheck clean deps check-deps valgrind example \
        fuzz bench test-clients FORCE
all: $(PROG)

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/obj/tests/%.o: tests/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(CRIT_CFLAGS) -DPLANNER_BIN='"$(abspath $(PROG))"' -c $< -o $@

$(LIB): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@
	$(AR) rcs $@ $^

# --help names the installed docs: main.o is rebuilt when DOCDIR changes
# (make install PREFIX=/opt after a plain make), through a file that holds
# the value and is rewritten only when it differs.
$(MAIN_OBJ): ALL_CFLAGS += -DPLANNER_DOCDIR='"$(DOCDIR)"'
$(MAIN_OBJ): $(BUILD)/docdir
$(BUILD)/docdir: FORCE
	@mkdir -p $(BUILD)
	@echo '$(DOCDIR)' | cmp -s - $@ || echo '$(DOCDIR)' > $@

$(PROG): $(MAIN_OBJ) $(LIB)
	$(CC) $(ALL_LDFLAGS) $^ $(LIBS) -o $@

$(TESTS): $(TEST_OBJ) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_LDFLAGS) $^ $(CRIT_LIBS) $(LIBS) -o $@

# The end-to-end tests run $(PROG) from the source tree's root.
check: $(PROG) $(TESTS)
	$(TESTS) -j2 --short-filename
test: check

# The plan's files opened by real clients (LibreOffice Calc headless:
# setup.sh --tests installs it): a Criterion binary of its own, apart from
# make check because each soffice start takes seconds. CI runs it.
CLIENT_OBJ := $(patsubst %.c,$(BUILD)/obj/%.o,$(wildcard tests/clients/*.c)) $(BUILD)/obj/tests/e2e_util.o
CLIENTS    := $(BUILD)/tests/clients

$(CLIENTS): $(CLIENT_OBJ) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_LDFLAGS) $^ $(CRIT_LIBS) $(LIBS) -o $@


# Every test process under memcheck; a leak or an error in any child fails.
VG_ARGS ?=
valgrind: $(PROG) $(TESTS)
	sh tests/valgrind.sh $(TESTS) $(VG_ARGS)

# Plan files opened by the programs that read them (tests/clients/*.sh:
# Chromium renders report.html, ...); needs sh setup.sh --tests. Not part
# of check (the clients take seconds to start); CI runs it.
.PHONY: test-clients
test-clients: $(PROG) $(CLIENTS)
	$(CLIENTS) -j2 --short-filename
	sh tests/clients/run.sh

# The README's first command: build, then plan the bundled example into
# out/example/ (exit 1, late patients, is a plan too).
EXAMPLE ?= scenarios/smart101-phase1/scenario.ini
example: $(PROG)
	$(PROG) plan $(EXAMPLE) -o out/example || [ $$? -eq 1 ]

# make install: the program, its man page, and in DOCDIR the README with
# docs/ and scenarios/ beside it, as in the source tree, so that every link
# of the README still leads somewhere. uninstall removes those files and the
# folders they leave empty, nothing else.
DOC_FILES     := $(wildcard docs/*.md docs/*.png)
# (files one level down too: a scenario's whatif/ variants; not the folders)
EXAMPLE_SUBDIRS := $(wildcard scenarios/*/*/)
EXAMPLE_FILES := $(filter-out $(EXAMPLE_SUBDIRS:%/=%),$(wildcard scenarios/*/* scenarios/*/*/*))
EXAMPLE_DIRS  := $(sort $(dir $(EXAMPLE_FILES)))

# The man page names the installed docs; the source names the default place.
$(BUILD)/planner.1: docs/planner.1 $(BUILD)/docdir
	sed 's|/usr/local/share/doc/planner|$(DOCDIR)|g' docs/planner.1 > $@

install: $(PROG) $(BUILD)/planner.1
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DOCDIR)/docs \
	  $(EXAMPLE_DIRS:%=$(DESTDIR)$(DOCDIR)/%)
	install -m 755 $(PROG) $(DESTDIR)$(BINDIR)/planner
	install -m 644 $(BUILD)/planner.1 $(DESTDIR)$(MANDIR)/man1/planner.1
	install -m 644 README.md $(DESTDIR)$(DOCDIR)/README.md
	install -m 644 $(DOC_FILES) $(DESTDIR)$(DOCDIR)/docs/
	for f in $(EXAMPLE_FILES); do install -m 644 $$f $(DESTDIR)$(DOCDIR)/$$f || exit 1; done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/planner $(DESTDIR)$(MANDIR)/man1/planner.1 \
	  $(DESTDIR)$(DOCDIR)/README.md $(DOC_FILES:%=$(DESTDIR)$(DOCDIR)/%) \
	  $(EXAMPLE_FILES:%=$(DESTDIR)$(DOCDIR)/%)
	rmdir $(EXAMPLE_SUBDIRS:%=$(DESTDIR)$(DOCDIR)/%) 2>/dev/null || true
	rmdir $(EXAMPLE_DIRS:%=$(DESTDIR)$(DOCDIR)/%) $(DESTDIR)$(DOCDIR)/scenarios \
	  $(DESTDIR)$(DOCDIR)/docs $(DESTDIR)$(DOCDIR) 2>/dev/null || true

# Installs into a temporary DESTDIR, runs what was installed, uninstalls:
# with another PREFIX and with this one, built on a copy of $(BUILD).
installcheck: $(PROG)
	MAKE='$(MAKE)' BUILD='$(BUILD)' sh tests/install.sh /opt/planner $(PREFIX)

# What make wrote: the build folders and the example's plan. out/ itself
# only when empty: plans a user wrote there are theirs.
clean:
	rm -rf build build-san build-fuzz build-bench out/example
	rmdir out 2>/dev/null || true

# The packages a user needs, and those the tests need too (setup.sh).
deps:
	sh setup.sh
check-deps:
	sh setup.sh --tests

# ---- fuzzing (docs/fuzzing.md): not part of check or CI ----------------
# libFuzzer harnesses for the CSV reader, the INI reader and the whole
# loader, built with clang into build-fuzz/ and run FUZZ_SECONDS each on a
# working corpus there (seeded from tests/fuzz/seeds/, which a run never
# writes). Fails when a harness finds a crash, a leak, a hang or a
# sanitizer report; the input is then in build-fuzz/artifacts/.
FUZZ_PACKAGES := clang libclang-rt-14-dev
FUZZ_BUILD    := build-fuzz
FUZZ_SAN      := -fsanitize=address,undefined -fno-sanitize-recover=undefined \
                 -fno-omit-frame-pointer
FUZZ_CFLAGS    = $(CSTD) -O1 -g $(WARN) $(INCS) $(FUZZ_SAN) -fsanitize=fuzzer-no-link \
                 -DPLANNER_VERSION='"$(VERSION)"' -MMD -MP
FUZZ_NAMES    := csv ini scenario
# The harnesses reach models/ only (nothing of GLPK): that is what is built.
FUZZ_LIB_OBJ  := $(patsubst %.c,$(FUZZ_BUILD)/obj/%.o,$(wildcard models/*.c))
FUZZ_LIB      := $(FUZZ_BUILD)/libplanner.a
FUZZ_BINS     := $(FUZZ_NAMES:%=$(FUZZ_BUILD)/fuzz_%)
# Longest input per harness: past the CSV reader's 4096 fields in a record
# and the INI reader's 1000-character line; room for a scenario's tables.
FUZZ_MAX_LEN_csv      := 8192
FUZZ_MAX_LEN_ini      := 4096
FUZZ_MAX_LEN_scenario := 16384

$(FUZZ_BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c $< -o $@

$(FUZZ_LIB): $(FUZZ_LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $^

$(FUZZ_BUILD)/fuzz_%: $(FUZZ_BUILD)/obj/tests/fuzz/fuzz_%.o $(FUZZ_LIB)
	$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer $^ $(LIBS) -o $@

fuzz:
	@command -v $(FUZZ_CC) >/dev/null 2>&1 || { \
	  echo "make fuzz needs $(FUZZ_CC) and libFuzzer; as root, run:"; \
	  echo "  apt-get update && apt-get install -y $(FUZZ_PACKAGES)"; exit 1; }
	@mkdir -p $(FUZZ_BUILD)
	@printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n);\nint LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' \
	  > $(FUZZ_BUILD)/probe.c
	@$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer $(FUZZ_BUILD)/probe.c -o $(FUZZ_BUILD)/probe 2>/dev/null || { \
	  echo "$(FUZZ_CC) cannot link libFuzzer programs; as root, run:"; \
	  echo "  apt-get update && apt-get install -y $(FUZZ_PACKAGES)"; exit 1; }
	@$(MAKE) --no-print-directory $(FUZZ_BINS)
	@failed=""; for h in $(FUZZ_NAMES); do \
	  corpus=$(FUZZ_BUILD)/corpus/$$h; mkdir -p $$corpus $(FUZZ_BUILD)/artifacts; \
	  cp tests/fuzz/seeds/$$h/* $$corpus/; \
	  case $$h in csv) len=$(FUZZ_MAX_LEN_csv);; ini) len=$(FUZZ_MAX_LEN_ini);; \
	    *) len=$(FUZZ_MAX_LEN_scenario);; esac; \
	  echo "== fuzz_$$h: $(FUZZ_SECONDS) s, corpus $$corpus"; \
	  $(FUZZ_BUILD)/fuzz_$$h -max_total_time=$(FUZZ_SECONDS) -max_len=$$len -timeout=10 \
	    -dict=tests/fuzz/$$h.dict -artifact_prefix=$(FUZZ_BUILD)/artifacts/$$h- \
	    -print_final_stats=1 $$corpus </dev/null || failed="$$failed $$h"; \
	done; \
	if [ -n "$$failed" ]; then \
	  echo "fuzz: failed:$$failed (inputs in $(FUZZ_BUILD)/artifacts/)"; exit 1; fi

-include $(LIB_OBJ:.o=.d) $(MAIN_OBJ:.o=.d) $(TEST_OBJ:.o=.d) $(CLIENT_OBJ:.o=.d)
-include $(FUZZ_LIB_OBJ:.o=.d) $(FUZZ_NAMES:%=$(FUZZ_BUILD)/obj/tests/fuzz/fuzz_%.d)

# ---- benchmarks (docs/benchmarks.md): not part of check or CI -----------
# planner plan against cbc and glpsol on generated scenarios, same machine,
# one after the other: prints a table of medians and rewrites
# docs/benchmarks.md. Settings from the command line or the environment:
# BENCH_SIZES (S M), BENCH_SEEDS (1 2 3), BENCH_SEEDS_L and the like,
# BENCH_TIME_LIMIT (60 s), BENCH_GROWTH (yes), BENCH_OUT (build-bench).
# S, M (3 seeds), L (2 seeds) and the growth series: about 15 min on 2 cores.
bench: $(PROG)
	PLANNER=$(PROG) sh bench/run.sh
