# stigdiff build. `make test` and `make demo` are the two commands a new
# user needs; both install missing Debian packages first (`make deps`).

PKGS      := libxml-2.0 libxslt libexslt libgit2 zlib libzip jansson
TEST_PKGS := check
DEB_PKGS  := pkg-config libxml2-dev libxslt1-dev libgit2-dev zlib1g-dev \
             libzip-dev libjansson-dev check xsltproc libxml2-utils git time bc jq \
             raptor2-utils python3 python3-jsonschema man-db groff-base
TOOLS     := pkg-config xsltproc xmllint git /usr/bin/time bc jq rapper python3 \
             man groff
# Python modules the tests import: jsonschema validates every JSON
# document stigdiff writes against docs/formats/schema (tests/cli/0020).
PY_MODS   := jsonschema
# Only `make test-browser`: a browser and an HTML5 validator (its RDF
# parser, rapper, is in DEB_PKGS for make test).
BROWSER_PKGS  := chromium tidy python3
BROWSER_TOOLS := chromium tidy python3

CC      ?= cc
SHARED  ?= ../shared
WARN    := -std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L

ifeq ($(SANITIZE),1)
BUILD   := build-san
OPT     := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
           -fno-sanitize-recover=undefined
else
BUILD   := build
OPT     := -O2 -g
endif
# The binary lives in the build directory: the top-level name `stigdiff`
# is the source directory.
BIN     := $(BUILD)/stigdiff

# The sources in layers, lowest first (docs/design.md "Layers"): a directory's
# files are compiled seeing their own headers and those of the layers
# below only, so an upward include does not compile; `make check-layers`
# checks what the compiler cannot (calls, cycles, library headers).
LAYERS    := util xml model input compare match lineage checklist corpus \
             publish cli
$(foreach l,$(LAYERS),$(eval INC_$(l) := $$(INC_$(prev)) -Istigdiff/$(l))$(eval prev := $(l)))
INC_ALL   := $(INC_cli)
SRCS      := $(sort $(foreach l,$(LAYERS),$(wildcard stigdiff/$(l)/*.c)))
LIB_SRCS  := $(filter-out stigdiff/cli/main.c,$(SRCS))
LIB_OBJS  := $(patsubst stigdiff/%.c,$(BUILD)/obj/%.o,$(LIB_SRCS)) \
             $(BUILD)/obj/stylesheets.o $(BUILD)/obj/products.o
XSL_SRCS  := $(sort $(wildcard xslt/*.xsl xslt/*.css xslt/*.js xslt/*.svg))
# Check suites mirror the layers: tests/<layer>/check_<module>.c (and
# tests/fuzz/check_fuzz.c, the fuzz targets replayed); any still at the
# top of tests/ are built too.
TEST_SRCS := $(sort $(wildcard tests/check_*.c tests/*/check_*.c))
FUZZ_SRCS := $(sort $(wildcard tests/fuzz/fuzz_*.c))
TEST_OBJS := $(patsubst tests/%.c,$(BUILD)/tests/%.o,$(TEST_SRCS) tests/testutil.c)
LIB       := $(BUILD)/libstigdiff.a

.PHONY: all deps deps-browser deps-fuzz deps-interop fuzz fuzz-run faults test test-browser test-interop demo bench clean \
        check-layers man completion install uninstall deb install-check-clone FORCE
.DEFAULT_GOAL := all

all: $(BIN)

# Install what pkg-config or PATH cannot find, printing what runs.
deps:
	@missing=""; \
	for p in $(PKGS) $(TEST_PKGS); do \
	  pkg-config --exists $$p 2>/dev/null || missing=yes; done; \
	for t in $(TOOLS); do command -v $$t >/dev/null || missing=yes; done; \
	for m in $(PY_MODS); do /usr/bin/python3 -c "import $$m" 2>/dev/null || \
	  python3 -c "import $$m" 2>/dev/null || missing=yes; done; \
	if [ -n "$$missing" ]; then \
	  sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	  echo "$$sudo apt-get update"; $$sudo apt-get update -q || exit 1; \
	  echo "$$sudo apt-get install -y $(DEB_PKGS)"; \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -q $(DEB_PKGS) || exit 1; \
	fi

# The same for make test-browser's tools. A package that cannot be
# installed is reported and left out (the test says what it then skips or
# fails): all of them in one apt-get first, then one at a time.
deps-browser:
	@missing=""; \
	for t in $(BROWSER_TOOLS); do \
	  command -v $$t >/dev/null || missing="$$missing $$t"; done; \
	if [ -n "$$missing" ]; then \
	  echo "not found:$$missing"; \
	  sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	  echo "$$sudo apt-get update"; $$sudo apt-get update -q; \
	  echo "$$sudo apt-get install -y $(BROWSER_PKGS)"; \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -q $(BROWSER_PKGS) || \
	  for p in $(BROWSER_PKGS); do \
	    echo "$$sudo apt-get install -y $$p"; \
	    DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -q $$p || \
	      echo "warning: cannot install Debian package $$p"; done; \
	fi; true

# The same for make test-interop: Node.js and npm (Debian's), which
# fetch STIG Manager's parser; left out, with a warning, when they
# cannot be installed (the test then says SKIPPED).
INTEROP_PKGS := nodejs npm
deps-interop:
	@if ! command -v node >/dev/null || ! command -v npm >/dev/null; then \
	  sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	  echo "$$sudo apt-get install -y $(INTEROP_PKGS)"; \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -q $(INTEROP_PKGS) || \
	    echo "warning: cannot install $(INTEROP_PKGS)"; \
	fi; true

# The same for `make fuzz`: clang and its libFuzzer runtime (a probe
# compile with -fsanitize=fuzzer says whether the runtime is there).
FUZZ_CC       ?= clang
FUZZ_DEB_PKGS := clang libclang-rt-dev
deps-fuzz: deps
	@ok=yes; command -v $(FUZZ_CC) >/dev/null || ok=""; \
	if [ -n "$$ok" ]; then \
	  printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n)\n{ (void)d; (void)n; return 0; }\n' | \
	  $(FUZZ_CC) -x c -fsanitize=fuzzer -o /dev/null - 2>/dev/null || ok=""; fi; \
	if [ -z "$$ok" ]; then \
	  sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	  echo "$$sudo apt-get update"; $$sudo apt-get update -q || exit 1; \
	  echo "$$sudo apt-get install -y $(FUZZ_DEB_PKGS)"; \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -q $(FUZZ_DEB_PKGS) || exit 1; \
	fi

# Compiler and linker flags come from pkg-config once deps are present.
$(BUILD)/config.mk: Makefile | deps
	@mkdir -p $(BUILD)
	@{ echo "PKG_CFLAGS := $$(pkg-config --cflags $(PKGS))"; \
	   echo "PKG_LIBS := $$(pkg-config --libs $(PKGS))"; \
	   echo "CHECK_CFLAGS := $$(pkg-config --cflags $(TEST_PKGS))"; \
	   echo "CHECK_LIBS := $$(pkg-config --libs $(TEST_PKGS))"; } > $@.tmp
	@mv $@.tmp $@

ifeq ($(filter deps clean,$(MAKECMDGOALS)),)
-include $(BUILD)/config.mk
endif

CFLAGS_ALL = $(WARN) $(OPT) $(PKG_CFLAGS) $(CFLAGS)

# stigdiff/<layer>/x.c -> build/obj/<layer>/x.o, with that layer's -I.
$(BUILD)/obj/%.o: stigdiff/%.c $(BUILD)/config.mk
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(INC_$(firstword $(subst /, ,$*))) -MMD -MP -c -o $@ $<

# The stylesheets of xslt/ are compiled in (render.h), so the binary
# finds them wherever it is installed.
$(BUILD)/gen/stylesheets.c: $(XSL_SRCS) xslt/embed.sh
	@mkdir -p $(dir $@)
	sh xslt/embed.sh $(XSL_SRCS) > $@.tmp && mv $@.tmp $@

$(BUILD)/obj/stylesheets.o: $(BUILD)/gen/stylesheets.c stigdiff/publish/render.h $(BUILD)/config.mk
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(INC_publish) -c -o $@ $<

# The curated product table (product.h) is compiled in too: stored
# lineage depends on it, so it must not depend on where the binary runs.
$(BUILD)/gen/products.c: corpus/lineage/products.tsv corpus/lineage/embed.sh
	@mkdir -p $(dir $@)
	sh corpus/lineage/embed.sh sd_product_table_text corpus/lineage/products.tsv > $@.tmp && mv $@.tmp $@

$(BUILD)/obj/products.o: $(BUILD)/gen/products.c $(BUILD)/config.mk
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c -o $@ $<

# DISA's CCI list is compiled in too, parsed: corpus/cci/embed.c reads
# it with stigdiff's own reader (cci.c) at build time and writes the
# table cci_table.h describes, so `cci` and `controls` parse nothing at
# run time. The generator links the library, so the table is an object
# beside it (DATA_OBJS), linked into every program that links $(LIB).
# It is written again only when the list or its reader changes.
CCI_LIST  := corpus/cci/U_CCI_List.xml
DATA_OBJS := $(BUILD)/obj/cci_table.o

$(BUILD)/gen/cci-embed: corpus/cci/embed.c stigdiff/input/cci_table.h $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(INC_input) -o $@ $< $(LIB) $(PKG_LIBS) -lm

$(BUILD)/gen/cci_table.c: $(CCI_LIST) corpus/cci/embed.c stigdiff/input/cci.c \
                          stigdiff/input/cci.h stigdiff/input/cci_table.h | $(BUILD)/gen/cci-embed
	$(BUILD)/gen/cci-embed $(CCI_LIST) $@.tmp && mv $@.tmp $@

$(BUILD)/obj/cci_table.o: $(BUILD)/gen/cci_table.c $(BUILD)/config.mk
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(INC_input) -c -o $@ $<

$(LIB): $(LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(BIN): $(BUILD)/obj/cli/main.o $(DATA_OBJS) $(LIB)
	$(CC) $(OPT) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) -lm

# Man pages from docs/stigdiff*.md (docs/README.md says how they are
# written) and shell completion from the built binary's --help texts,
# both by the scripts in docs/tools/.
VERSION   := $(shell sed -n 's/^\#define SD_VERSION "\(.*\)"/\1/p' stigdiff/util/version.h)
MAN_SRCS  := $(sort $(wildcard docs/stigdiff*.md))
MAN_PAGES := $(patsubst docs/%.md,$(BUILD)/man/%.1,$(MAN_SRCS))
COMPLETIONS := $(BUILD)/completion/stigdiff.bash $(BUILD)/completion/_stigdiff

$(BUILD)/man/%.1: docs/%.md docs/tools/md2man.py stigdiff/util/version.h
	@mkdir -p $(dir $@)
	python3 docs/tools/md2man.py --version $(VERSION) $< $@

$(COMPLETIONS) &: $(BIN) docs/tools/completion.py docs/tools/helptext.py
	python3 docs/tools/completion.py $(BIN) $(BUILD)/completion

man: $(MAN_PAGES)
completion: $(COMPLETIONS)

# make install PREFIX=/usr/local DESTDIR=: the binary, the data it reads
# by default (corpus/ less what is compiled in: the Exchange releases and
# curated links `lineage` reads), man pages and completion. The binary
# finds its data as <bindir>/../share/stigdiff, so bin/ and share/ stay
# siblings under PREFIX; the man and completion directories may move.
# docs/tools/install.sh keeps a manifest of what it installed and of the
# directories it created, which `make uninstall` removes again.
PREFIX      ?= /usr/local
DESTDIR     ?=
MANDIR      ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  ?= $(PREFIX)/share/zsh/site-functions
DATA_FILES  := corpus/PROVENANCE corpus/lineage/curated.tsv \
               $(sort $(wildcard corpus/xccdf/*.xml corpus/reconstructed/*.xml))
INSTALL_LIST = 755 $(BIN) $(PREFIX)/bin/stigdiff \
               $(foreach f,$(DATA_FILES),644 $(f) $(PREFIX)/share/stigdiff/$(f:corpus/%=%)) \
               $(foreach f,$(MAN_PAGES),644 $(f) $(MANDIR)/man1/$(notdir $(f))) \
               644 $(BUILD)/completion/stigdiff.bash $(BASHCOMPDIR)/stigdiff \
               644 $(BUILD)/completion/_stigdiff $(ZSHCOMPDIR)/_stigdiff

install: $(BIN) $(MAN_PAGES) $(COMPLETIONS)
	@printf '%s %s %s\n' $(INSTALL_LIST) | sh docs/tools/install.sh install "$(DESTDIR)" "$(PREFIX)"

uninstall:
	@sh docs/tools/install.sh uninstall "$(DESTDIR)" "$(PREFIX)"

# make test's install check (tests/install-check.sh) from a fresh clone of
# HEAD: what the build needs is in git. A full build, so CI runs it, not
# make test.
install-check-clone: $(BIN)
	@sh tests/install-check.sh --clone $(abspath $(BIN)) $(MAKE) SANITIZE=$(SANITIZE)

# make deb: a Debian package of the same files (PREFIX=/usr), its Depends
# taken from the libraries the binary links (docs/tools/deb.sh).
DEB_MAINTAINER ?= stigdiff maintainers <root@localhost>

deb: $(BIN) $(MAN_PAGES) $(COMPLETIONS)
	@sh docs/tools/deb.sh $(BUILD) $(VERSION) "$(DEB_MAINTAINER)" $(MAKE) SANITIZE=$(SANITIZE)

# The test runner holds every suite: each tests/<layer>/check_<m>.c
# defines suite_<m>(), listed into a generated header.
# Written again only when the list changes (a suite added, moved or
# removed), so the runner relinks then and only then.
$(BUILD)/tests/suites.h: $(TEST_SRCS) FORCE
	@mkdir -p $(dir $@)
	@for f in $(TEST_SRCS); do n=$$(basename $$f .c); n=$${n#check_}; \
	  echo "SD_SUITE($$n)"; done > $@.tmp
	@cmp -s $@.tmp $@ && rm $@.tmp || mv $@.tmp $@

FORCE:

$(BUILD)/tests/%.o: tests/%.c $(BUILD)/config.mk
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(CHECK_CFLAGS) $(INC_ALL) -Itests -I$(BUILD)/tests -MMD -MP -c -o $@ $<

$(BUILD)/tests/runner.o: tests/runner.c $(BUILD)/tests/suites.h $(BUILD)/config.mk
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(CHECK_CFLAGS) $(INC_ALL) -I$(BUILD)/tests -c -o $@ $<

$(BUILD)/tests/runner: $(BUILD)/tests/runner.o $(TEST_OBJS) $(DATA_OBJS) $(LIB)
	$(CC) $(OPT) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(CHECK_LIBS) -lm

# Each fuzz target also built with the ordinary compiler around a small
# main (tests/fuzz/replay.c): make test replays its seeds and findings.
REPLAY_BINS := $(patsubst tests/fuzz/%.c,$(BUILD)/replay/%,$(FUZZ_SRCS))

$(BUILD)/replay/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.c tests/fuzz/replay.c $(DATA_OBJS) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(INC_ALL) -DSD_FUZZ_ROOT='"$(CURDIR)"' -MMD -MP -MF $@.d \
	  -o $@ $< tests/fuzz/fuzz.c tests/fuzz/replay.c $(DATA_OBJS) $(LIB) $(PKG_LIBS) -lm

# The layers' promises (docs/design.md "Layers"), checked on the sources and on
# the objects of this build: tests/check-layers.py.
check-layers: $(LIB) $(BUILD)/obj/cli/main.o
	python3 tests/check-layers.py $(BUILD)

# The Check suites and the golden CLI cases (tests/cli/run.sh, one per
# core at a time, slowest first by the times the last run kept).
test: $(BIN) $(BUILD)/tests/runner $(REPLAY_BINS)
	SD_BIN=$(abspath $(BIN)) SD_SHARED=$(abspath $(SHARED)) \
	  SD_CLI_TIMES=$(abspath $(BUILD))/tests/cli-times $(BUILD)/tests/runner
	@sh tests/install-check.sh $(abspath $(BIN)) $(MAKE) SANITIZE=$(SANITIZE)
	python3 tests/check-layers.py $(BUILD)

# The site of the embedded corpus in headless chromium on localhost, and
# its files through a link checker, an HTML5 validator, accessibility
# checks and an RDF parser (tests/browser/run.sh; reports and screenshots
# in $(BUILD)/test-browser/).
test-browser: $(BIN) deps-browser
	bash tests/browser/run.sh $(BIN) $(BUILD)/test-browser

# The checklists stigdiff writes read by STIG Manager's own parser
# (tests/interop/run.sh: the npm package, pinned there, installed into
# $(BUILD)/test-interop/; SKIPPED, saying so, when npm cannot fetch it).
test-interop: $(BIN) deps-interop
	bash tests/interop/run.sh $(abspath $(BIN)) $(abspath $(BUILD))/test-interop $(SHARED)

demo: $(BIN)
	@sh corpus/demo.sh $(BIN)

bench: $(BIN)
	@sh bench/bench.sh $(BIN) "$(SHARED)" "$(BENCH_DIR)"

# Fuzz targets (tests/fuzz/fuzz_<name>.c): the library built again with
# clang, libFuzzer's coverage, ASan and UBSan in build-fuzz/, one binary
# per reader. `make fuzz-run FUZZ_SECONDS=60` runs each in turn from its
# seeds (tests/fuzz/corpus/<name>) with its dictionary; findings land in
# build-fuzz/findings/ and fail the run.
FUZZ_BUILD   := build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_OPT     := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
                -fno-sanitize-recover=undefined
FUZZ_BINS    := $(patsubst tests/fuzz/%.c,$(FUZZ_BUILD)/%,$(FUZZ_SRCS))
FUZZ_OBJS    := $(patsubst stigdiff/%.c,$(FUZZ_BUILD)/obj/%.o,$(LIB_SRCS)) \
                $(FUZZ_BUILD)/obj/stylesheets.o $(FUZZ_BUILD)/obj/products.o

fuzz: deps-fuzz
	@$(MAKE) --no-print-directory $(FUZZ_BINS)

fuzz-run: fuzz
	@sh tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

$(FUZZ_BUILD)/obj/%.o: stigdiff/%.c $(BUILD)/config.mk
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(WARN) $(FUZZ_OPT) -fsanitize=fuzzer-no-link $(PKG_CFLAGS) \
	  $(INC_$(firstword $(subst /, ,$*))) -MMD -MP -c -o $@ $<

$(FUZZ_BUILD)/obj/stylesheets.o: $(BUILD)/gen/stylesheets.c stigdiff/publish/render.h $(BUILD)/config.mk
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(WARN) $(FUZZ_OPT) $(PKG_CFLAGS) $(INC_publish) -c -o $@ $<

$(FUZZ_BUILD)/obj/products.o: $(BUILD)/gen/products.c $(BUILD)/config.mk
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(WARN) $(FUZZ_OPT) $(PKG_CFLAGS) -c -o $@ $<

$(FUZZ_BUILD)/obj/cci_table.o: $(BUILD)/gen/cci_table.c $(BUILD)/config.mk
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(WARN) $(FUZZ_OPT) $(INC_input) -c -o $@ $<

$(FUZZ_BUILD)/libstigdiff.a: $(FUZZ_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.c $(FUZZ_BUILD)/obj/cci_table.o $(FUZZ_BUILD)/libstigdiff.a
	$(FUZZ_CC) $(WARN) $(FUZZ_OPT) -fsanitize=fuzzer $(PKG_CFLAGS) $(INC_ALL) \
	  -DSD_FUZZ_ROOT='"$(CURDIR)"' -MMD -MP -MF $@.d -o $@ $< tests/fuzz/fuzz.c \
	  $(FUZZ_BUILD)/obj/cci_table.o $(FUZZ_BUILD)/libstigdiff.a $(PKG_LIBS) -lm

# The fault tests in full (tests/faults.sh; make test runs a short form):
# inputs that are not files, a full disk, kill -9 at FAULTS_TRIALS random
# moments each of corpus import, corpus link and site (seed FAULTS_SEED,
# random unless given), two imports at once.
FAULTS_TRIALS ?= 20
faults: $(BIN)
	@seed=$${FAULTS_SEED:-$$(date +%s)}; echo "faults: seed $$seed"; \
	sh tests/faults.sh $(BIN) all $(FAULTS_TRIALS) $$seed

clean:
	rm -rf build build-san build-fuzz

-include $(wildcard $(BUILD)/obj/*/*.d $(BUILD)/tests/*.d $(BUILD)/tests/*/*.d $(FUZZ_BUILD)/obj/*/*.d $(FUZZ_BUILD)/*.d $(BUILD)/replay/*.d)
