# plangen — make: install what is missing, build, generate output/; make test: every test.
CC ?= cc
PKGS := yaml-0.1 libcmark libxml-2.0 fontconfig harfbuzz harfbuzz-subset libmicrohttpd libqpdf
DEBS := libyaml-dev libcmark-dev libhpdf-dev libxml2-dev libfontconfig-dev libharfbuzz-dev libhyphen-dev \
	libmicrohttpd-dev libqpdf-dev gettext \
	hyphen-en-us pkg-config \
	fonts-morisawa-bizud-gothic fonts-morisawa-bizud-mincho python3 \
	chromium poppler-utils qpdf mupdf-tools python3-yaml clang libclang-rt-14-dev
WARN := -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
CFLAGS ?= -O2 -g
ifdef CI
WARN += -Werror
endif
CPPFLAGS += -D_POSIX_C_SOURCE=200809L
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lhpdf -lhyphen -lm

SRC := $(filter-out src/main.c,$(wildcard src/*.c))
OBJ := $(SRC:src/%.c=build/%.o)
SAN_OBJ := $(SRC:src/%.c=build/san/%.o)
SANITIZE := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

.PHONY: all deps test asan ubsan clean output check fuzz shots bench install pot a11y
all: deps build/plangen output

# Installs the Debian packages that are missing (as root), or says how.
deps:
	@missing=""; for p in $(DEBS); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing:$$missing"; \
	    (apt-get install -y -qq $$missing || (apt-get update -qq && apt-get install -y -qq $$missing)) >/dev/null || exit 2; \
	  else \
	    echo "plangen needs these Debian packages:"; echo "  sudo apt-get install$$missing"; exit 2; \
	  fi; \
	fi

build/%.o: src/%.c src/*.h | build
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) $(PKG_CFLAGS) -c $< -o $@

build/san/%.o: src/%.c src/*.h | build
	@mkdir -p build/san
	$(CC) $(CPPFLAGS) $(WARN) -O1 -g $(SANITIZE) $(PKG_CFLAGS) -c $< -o $@

build:
	@mkdir -p build

# The messages' translations (po/LANG.po, GNU gettext), compiled where the
# program finds them: build/locale in a checkout, PREFIX/share/locale installed.
LANGS := $(basename $(notdir $(wildcard po/*.po)))
MO := $(LANGS:%=build/locale/%/LC_MESSAGES/plangen.mo)
build/locale/%/LC_MESSAGES/plangen.mo: po/%.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

# The template of the translations, from every message in src/: the
# diagnostics' formats and hints, _() and N_(), and the phrases (`what`)
# that the loader's functions put into messages.
XGETTEXT_KEYS := -k_ -kN_ -kdiag_ntr:1,2 -kdiag_error:2 -kdiag_warning:2 -kdiag_gap:2 -kdiag_hint:1 \
	-kdiag_fatal:1 -kload_need:3 -kload_expect:3 -kload_text:4 -kload_text_in:4 -kload_check_keys:3 \
	-kload_check_text_keys:4 -kload_num:3 -kload_num_of:3 -kload_id:2 -kload_enum_of:3 -kload_choice:4 -kload_resolve:7 \
	-kload_yearmonth:4 -kload_year:4 -kload_int:5 -kload_period:5 -kload_orgunits:4 -kload_words_file:3 \
	-kload_web_address:2 -kload_pair:3 -kload_pairs:4 -kUNIQUE:4 -kload_refs:7 -kproblem:2
build/plangen.pot: src/*.c Makefile | build
	xgettext --from-code=UTF-8 --language=C -k $(XGETTEXT_KEYS) --add-comments --sort-by-file \
	  --package-name=plangen -o $@ src/*.c
# After a change of messages: the new ones into po/LANG.po, to be translated there.
pot: build/plangen.pot
	@for l in $(LANGS); do msgmerge -q --update --backup=none po/$$l.po $<; done

build/plangen: build/main.o $(OBJ) | $(MO)
	$(CC) $(CFLAGS) -o $@ $^ $(PKG_LIBS)

build/unit: build/unit.o $(OBJ)
	$(CC) $(CFLAGS) -o $@ $^ $(PKG_LIBS)

build/unit.o: tests/unit.c src/*.h | build
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) $(PKG_CFLAGS) -Isrc -c $< -o $@

build/layout_unit: tests/layout_unit.c src/pdf_layout.c src/buf.c src/utf8.c src/*.h | build
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -Isrc -o $@ tests/layout_unit.c src/pdf_layout.c src/buf.c src/utf8.c -lm

# An LD_PRELOAD shim that makes some files impossible to remove (tests/fault.c).
build/fault.so: tests/fault.c | build
	$(CC) $(WARN) -O1 -shared -fPIC -o $@ $< -ldl

build/san/plangen: build/san/main.o $(SAN_OBJ) | $(MO)
	$(CC) $(SANITIZE) -o $@ $^ $(PKG_LIBS)

build/san/unit: tests/unit.c $(SAN_OBJ) src/*.h
	$(CC) $(CPPFLAGS) $(WARN) -O1 -g $(SANITIZE) $(PKG_CFLAGS) -Isrc -o $@ tests/unit.c $(SAN_OBJ) $(PKG_LIBS)

output: build/plangen
	build/plangen build

check: build/plangen
	build/plangen check

# The site's test tools (html-validate, axe-core, playwright-core), from the
# npm registry at the versions of package-lock.json; Chromium is Debian's.
tests/web/node_modules: tests/web/package.json tests/web/package-lock.json
	@command -v npm >/dev/null || { echo "plangen's site tests need Node.js and npm"; exit 2; }
	cd tests/web && npm ci --no-audit --no-fund --silent
	@touch $@

# The site's tests in a browser (axe-core, html-validate), recorded for its accessibility
# page: CONTENT's site is built and tested, the results written to
# CONTENT/accessibility-results.yaml (plan.yaml site: accessibility_results: names it), and
# output/ built again with them.  Exits 1 if a test failed; the results say which pages.
CONTENT ?= content
a11y: deps build/plangen tests/web/node_modules
	mkdir -p build/a11y
	build/plangen build --content $(CONTENT) --output build/a11y/site
	node tests/web/check.js --record $(CONTENT)/accessibility-results.yaml build/a11y/site; s=$$?; \
	  build/plangen build --content $(CONTENT) && exit $$s

# Every test: unit tests, error messages, content, output, a short pass of the
# pipeline fuzzer, then all again under AddressSanitizer and UndefinedBehaviorSanitizer.
test: deps build/plangen build/unit build/layout_unit build/san/plangen build/san/unit build/fault.so \
		build/fuzz_build tests/web/node_modules output
	@python3 tests/run.py --fuzz build/fuzz_build build/plangen build/unit build/san/plangen build/san/unit

# plangen's speed on plans 1, 10 and 100 times content/ (tests/bench.py), beside Hugo's on the
# same pages when Hugo is installed (apt-get install hugo).  Prints a table; takes minutes.
bench: deps build/plangen
	@python3 tests/bench.py

# The program, its default theme (found next to it from any folder) and its man page.
PREFIX ?= /usr/local
install: build/plangen
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/plangen/themes $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 build/plangen $(DESTDIR)$(PREFIX)/bin/plangen
	rm -rf $(DESTDIR)$(PREFIX)/share/plangen/themes/default
	cp -R themes/default $(DESTDIR)$(PREFIX)/share/plangen/themes/default
	install -m 644 doc/plangen.1 $(DESTDIR)$(PREFIX)/share/man/man1/plangen.1
	for l in $(LANGS); do install -D -m 644 build/locale/$$l/LC_MESSAGES/plangen.mo \
	  $(DESTDIR)$(PREFIX)/share/locale/$$l/LC_MESSAGES/plangen.mo; done

asan ubsan: build/san/plangen build/san/unit build/fault.so
	@python3 tests/run.py build/san/plangen build/san/unit

clean:
	rm -rf build

# Coverage-guided fuzzing (clang's libFuzzer, under ASan and UBSan): a minute of the YAML
# and Markdown loaders, then FUZZ_TIME seconds of the whole pipeline (tests/fuzz_build.c)
# from tests/fuzz-corpus/ and tests/fuzz-crashes/.  New inputs go to build/fuzz-*corpus/,
# crashes to build/fuzz-*.
# FUZZ_ARGS adds libFuzzer options, e.g. "-fork=1 -ignore_crashes=1" to go on past a crash.
FUZZ_TIME ?= 600
FUZZ_ARGS ?=
FUZZ_SRC := src/buf.c src/diag.c src/utf8.c src/model.c src/load_yaml.c src/load_md.c
FUZZ_FLAGS := -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
fuzz: deps build/fuzz build/fuzz_build
	@mkdir -p build/fuzz-corpus build/fuzz-build-corpus
	@cp tests/fixture/*.yaml tests/fixture/ja/*/*.md build/fuzz-corpus/
	cd build && ./fuzz -max_total_time=60 -max_len=4096 -close_fd_mask=1 -artifact_prefix=fuzz- fuzz-corpus
	cd build && ./fuzz_build -max_total_time=$(FUZZ_TIME) -max_len=8192 -timeout=30 -close_fd_mask=3 \
		-dict=../tests/fuzz_build.dict -artifact_prefix=fuzz-build- -print_final_stats=1 $(FUZZ_ARGS) \
		fuzz-build-corpus ../tests/fuzz-corpus ../tests/fuzz-crashes

build/fuzz: tests/fuzz.c $(FUZZ_SRC) src/*.h | build
	clang $(CPPFLAGS) $(WARN) $(FUZZ_FLAGS) $(PKG_CFLAGS) -Isrc -o $@ tests/fuzz.c $(FUZZ_SRC) $(PKG_LIBS)

build/fuzz_build: tests/fuzz_build.c $(SRC) src/*.h | build
	clang $(CPPFLAGS) $(WARN) $(FUZZ_FLAGS) $(PKG_CFLAGS) -Isrc -o $@ tests/fuzz_build.c $(SRC) $(PKG_LIBS)

# Screenshots of the site (home, a measure, the indicators, the structure diagram, at 360 and
# 1280 px) and the first pages of the Japanese booklet, to look at: build/shots/.
shots: all tests/web/node_modules
	node tests/web/shots.js output build/shots
	pdftoppm -png -r 60 -f 1 -l 12 output/downloads/plan-ja.pdf build/shots/plan-ja
