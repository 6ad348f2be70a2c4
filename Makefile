# kaa — build rules.
#
#   make            build build/kaa (-O2)
#   make demo       build, then run the demo (examples/shapes, twice: compile, then cache)
#   make test       build, then run every test; ends with "N passed, N failed"
#   make asan       build build/asan/kaa with AddressSanitizer + UBSan
#   make clean
#
# Every .c file under src/<stage>/ is part of kaa; adding a file needs no change here.
# Generated tables go to build/gen/ and are made by small C programs under tools/.

CC       ?= cc
OPT      ?= -O2
CFLAGS   ?=
CPPFLAGS += -Isrc -Ibuild/gen -Iinclude -D_GNU_SOURCE
WARN     := -std=gnu11 -fno-strict-aliasing -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers
LIBS     := -lgc -lgmp -lutf8proc -lm -lz

BUILD    ?= build
SRC      := $(sort $(wildcard src/*/*.c)) src/main.c
PARSE_SRC:= $(sort $(wildcard src/parse/*.c))
OBJ      := $(SRC:%.c=$(BUILD)/obj/%.o)
DEP      := $(OBJ:.o=.d)
GEN      := build/gen/unicode_names.h build/gen/special_casing.h

.PHONY: all deps demo test asan clean
all: deps $(BUILD)/kaa

# The first step: install the Debian packages the build needs when any is missing.
deps:
	@tools/ensure-deps

$(BUILD)/kaa: $(OBJ)
	$(CC) $(OPT) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/obj/%.o: %.c | $(GEN)
	@mkdir -p $(dir $@)
	$(CC) $(OPT) $(WARN) $(CFLAGS) $(CPPFLAGS) -MMD -MP -c -o $@ $<

# The standalone front-end tool: `build/kaa-parse -m ast|tokenize ...` (front-end tests).
$(BUILD)/kaa-parse: $(PARSE_SRC:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/tools/kaa_parse_main.o
	$(CC) $(OPT) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

build/gen/unicode_names.h: tools/gen_unicode_names.c
	@mkdir -p build/gen build/tools
	$(CC) -O2 -o build/tools/gen_unicode_names $<
	build/tools/gen_unicode_names /usr/share/unicode/UnicodeData.txt /usr/share/unicode/NameAliases.txt > $@.tmp
	mv $@.tmp $@

build/gen/special_casing.h: tools/gen_special_casing.c
	@mkdir -p build/gen build/tools
	$(CC) -O2 -o build/tools/gen_special_casing $<
	build/tools/gen_special_casing /usr/share/unicode > $@.tmp
	mv $@.tmp $@

demo: all
	@tools/demo $(BUILD)/kaa

test: all
	@tests/run --kaa $(BUILD)/kaa

asan:
	$(MAKE) BUILD=build/asan OPT="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer" \
	        LDFLAGS="-fsanitize=address,undefined" build/asan/kaa

clean:
	rm -rf build

-include $(DEP)
