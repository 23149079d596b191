# planner: production scheduling for patient-specific cell therapy.
# User settings first; everything below them is the house's.
CC      ?= cc
PREFIX  ?= /usr/local
DESTDIR ?=
OPT     ?= -O2 -g
SAN     ?=
VERSION := 0.1.0

WARN    := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wpointer-arith -Wformat=2 -Wundef -Wcast-qual -Wvla \
           -Wno-format-nonliteral
CSTD    := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
INCS    := -I. -I/usr/include/iniparser
CRIT_CFLAGS := $(shell pkg-config --cflags criterion 2>/dev/null)
CRIT_LIBS   := $(shell pkg-config --libs criterion 2>/dev/null || echo -lcriterion)
LIBS    := -lglpk -lcsv -liniparser -lm

ifeq ($(SAN),1)
  SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
  BUILD    ?= build-san
else
  SANFLAGS :=
  BUILD    ?= build
endif

ALL_CFLAGS  = $(CSTD) $(OPT) $(WARN) $(INCS) $(SANFLAGS) -DPLANNER_VERSION='"$(VERSION)"' -MMD -MP $(CFLAGS)
ALL_LDFLAGS = $(SANFLAGS) $(LDFLAGS)

# Debian package names the build and the tests need (make deps installs them).
DEB_PACKAGES := build-essential pkg-config libglpk-dev glpk-utils libcsv-dev \
                libiniparser-dev libcriterion-dev valgrind coinor-cbc

LIB_SRC  := $(wildcard models/*.c) $(wildcard solver/*.c) \
            $(filter-out planner/main.c,$(wildcard planner/*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
MAIN_OBJ := $(BUILD)/obj/planner/main.o
TEST_SRC ?= $(wildcard tests/*.c)
TEST_OBJ := $(TEST_SRC:%.c=$(BUILD)/obj/%.o)
LIB      := $(BUILD)/libplanner.a
PROG     := $(BUILD)/planner
TESTS    := $(BUILD)/tests/run

.PHONY: all check test install uninstall clean deps valgrind example
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

$(PROG): $(MAIN_OBJ) $(LIB)
	$(CC) $(ALL_LDFLAGS) $^ $(LIBS) -o $@

$(TESTS): $(TEST_OBJ) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_LDFLAGS) $^ $(CRIT_LIBS) $(LIBS) -o $@

# The end-to-end tests run $(PROG) from the source tree's root.
check: $(PROG) $(TESTS)
	$(TESTS) -j2 --short-filename
test: check

# Every test process under memcheck; a leak or an error in any child fails.
valgrind: $(PROG) $(TESTS)
	sh tests/valgrind.sh $(TESTS)

# The README's first command: build, then plan the bundled example into
# out/example/ (exit 1, late patients, is a plan too).
EXAMPLE ?= scenarios/smart101-phase1/scenario.ini
example: $(PROG)
	$(PROG) plan $(EXAMPLE) -o out/example || [ $$? -eq 1 ]

install: $(PROG)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/doc/planner
	install -m 755 $(PROG) $(DESTDIR)$(PREFIX)/bin/planner
	install -m 644 README.md docs/*.md $(DESTDIR)$(PREFIX)/share/doc/planner/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/planner
	rm -rf $(DESTDIR)$(PREFIX)/share/doc/planner

clean:
	rm -rf build build-san

deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then echo "all packages present"; \
	elif [ "$$(id -u)" = 0 ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	elif command -v sudo >/dev/null 2>&1; then \
	  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	else echo "missing packages; as root, run:"; echo "  apt-get install -y$$missing"; exit 1; fi

-include $(LIB_OBJ:.o=.d) $(MAIN_OBJ:.o=.d) $(TEST_OBJ:.o=.d)
