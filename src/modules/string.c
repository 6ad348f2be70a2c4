// modules/string.c — the _string module: formatter_parser and formatter_field_name_split,
// the pieces of str.format that string.Formatter exposes to Python.
//
// Stage: modules. The parsing rules, the tuples produced and the ValueError messages are those
// of CPython's MarkupIterator and FieldNameIterator. Strings are read through kaa_str_char, so
// any kind (1, 2 or 4 bytes per code point) works.
#include "modules/coremods.h"

typedef struct {
    KaaValue s;
    size_t pos, end;
} Cursor;

static uint32_t cur_char(Cursor *c, size_t i) { return kaa_str_char(kaa_str(c->s), i); }

static KaaValue substr(Cursor *c, size_t start, size_t end) {
    return kaa_str_substr(c->s, start, end);
}

// ---- formatter_parser ---------------------------------------------------------------------------

typedef struct {
    KaaObject ob;
    Cursor cur;
} FormatterIter;

// Parses "name!c:spec}" after a '{'. Fills field, spec and conversion (0: none).
static void parse_field(Cursor *c, KaaValue *field, KaaValue *spec, uint32_t *conversion) {
    size_t start = c->pos;
    uint32_t ch = 0;
    while (c->pos < c->end) {
        ch = cur_char(c, c->pos++);
        if (ch == '{') {
            kaa_raise_value_error("unexpected '{' in field name");
        }
        if (ch == '[') {
            while (c->pos < c->end && cur_char(c, c->pos) != ']') {
                c->pos++;
            }
            continue;
        }
        if (ch == '}' || ch == ':' || ch == '!') {
            break;
        }
    }
    *field = substr(c, start, c->pos > start ? c->pos - 1 : start);
    if (ch != '!' && ch != ':') {
        if (ch != '}') {
            kaa_raise_value_error("expected '}' before end of string");
        }
        return;
    }
    if (ch == '!') {
        if (c->pos >= c->end) {
            kaa_raise_value_error("end of string while looking for conversion specifier");
        }
        *conversion = cur_char(c, c->pos++);
        if (c->pos < c->end) {
            ch = cur_char(c, c->pos++);
            if (ch == '}') {
                return;
            }
            if (ch != ':') {
                kaa_raise_value_error("expected ':' after conversion specifier");
            }
        }
    }
    size_t spec_start = c->pos;
    int count = 1;
    while (c->pos < c->end) {
        ch = cur_char(c, c->pos++);
        if (ch == '{') {
            count++;
        } else if (ch == '}' && --count == 0) {
            *spec = substr(c, spec_start, c->pos - 1);
            return;
        }
    }
    kaa_raise_value_error("unmatched '{' in format spec");
}

static KaaValue formatter_next(KaaValue self) {
    Cursor *c = &((FormatterIter *)kaa_obj(self))->cur;
    if (c->pos >= c->end) {
        return KAA_NULL;
    }
    size_t start = c->pos;
    uint32_t ch = 0;
    bool markup = false;
    while (c->pos < c->end) {
        ch = cur_char(c, c->pos++);
        if (ch == '{' || ch == '}') {
            markup = true;
            break;
        }
    }
    bool at_end = c->pos >= c->end;
    size_t len = c->pos - start;
    if (ch == '}' && (at_end || cur_char(c, c->pos) != '}')) {
        kaa_raise_value_error("Single '}' encountered in format string");
    }
    if (at_end && ch == '{') {
        kaa_raise_value_error("Single '{' encountered in format string");
    }
    if (!at_end) {
        if (markup && cur_char(c, c->pos) == ch) {
            c->pos++;  // an escaped brace: part of the literal, no field follows
            markup = false;
        } else if (markup) {
            len--;
        }
    }
    KaaValue literal = substr(c, start, start + len);
    KaaValue field = kaa_None, spec = kaa_None, conv = kaa_None;
    if (markup) {
        uint32_t conversion = 0;
        spec = kaa_str_from_cstr("");
        parse_field(c, &field, &spec, &conversion);
        if (conversion != 0) {
            conv = kaa_str_from_char(conversion);
        }
    }
    return kaa_from_obj(kaa_tuple_pack(4, literal, field, spec, conv));
}

static KaaType formatter_iter_type = {
    .ob = {&kaa_type_type},
    .name = "formatteriterator",
    .instance_size = sizeof(FormatterIter),
    .iter = cm_iter_self,
    .next = formatter_next,
};

static KaaValue string_formatter_parser(KaaValue self, KaaValue *args, size_t nargs,
                                        KaaTuple *kw) {
    cm_no_kw("formatter_parser", kw);
    kaa_args_count("formatter_parser", nargs, 1, 1);
    if (!kaa_is_str(args[0])) {
        kaa_raise_type_error("expected str, got %s", kaa_type_name_of(args[0]));
    }
    FormatterIter *it = cm_new(&formatter_iter_type);
    it->cur.s = args[0];
    it->cur.end = kaa_str(args[0])->len;
    return kaa_from_obj(it);
}

// ---- formatter_field_name_split ---------------------------------------------------------------

typedef struct {
    KaaObject ob;
    Cursor cur;
} FieldNameIter;

// The value of an all-digit name as an int, or KAA_NULL.
static KaaValue get_integer(KaaValue s) {
    KaaStr *str = kaa_str(s);
    if (str->len == 0) {
        return KAA_NULL;
    }
    int64_t v = 0;
    for (size_t i = 0; i < str->len; i++) {
        uint32_t ch = kaa_str_char(str, i);
        if (ch < '0' || ch > '9') {
            return KAA_NULL;
        }
        if (v > (INT64_MAX - 9) / 10) {
            kaa_raise_value_error("Too many decimal digits in format string");
        }
        v = v * 10 + (ch - '0');
    }
    return kaa_int_from_i64(v);
}

static KaaValue fieldname_next(KaaValue self) {
    Cursor *c = &((FieldNameIter *)kaa_obj(self))->cur;
    if (c->pos >= c->end) {
        return KAA_NULL;
    }
    uint32_t ch = cur_char(c, c->pos++);
    bool is_attr;
    size_t start = c->pos, end;
    if (ch == '.') {
        is_attr = true;
        while (c->pos < c->end && cur_char(c, c->pos) != '.' && cur_char(c, c->pos) != '[') {
            c->pos++;
        }
        end = c->pos;
    } else if (ch == '[') {
        is_attr = false;
        while (c->pos < c->end && cur_char(c, c->pos) != ']') {
            c->pos++;
        }
        if (c->pos >= c->end) {
            kaa_raise_value_error("Missing ']' in format string");
        }
        end = c->pos++;
    } else {
        kaa_raise_value_error("Only '.' or '[' may follow ']' in format field specifier");
    }
    if (start == end) {
        kaa_raise_value_error("Empty attribute in format string");
    }
    KaaValue name = substr(c, start, end);
    if (!is_attr) {
        KaaValue n = get_integer(name);
        name = n != KAA_NULL ? n : name;
    }
    return kaa_from_obj(kaa_tuple_pack(2, kaa_bool(is_attr), name));
}

static KaaType fieldname_iter_type = {
    .ob = {&kaa_type_type},
    .name = "fieldnameiterator",
    .instance_size = sizeof(FieldNameIter),
    .iter = cm_iter_self,
    .next = fieldname_next,
};

static KaaValue string_field_name_split(KaaValue self, KaaValue *args, size_t nargs,
                                        KaaTuple *kw) {
    cm_no_kw("formatter_field_name_split", kw);
    kaa_args_count("formatter_field_name_split", nargs, 1, 1);
    if (!kaa_is_str(args[0])) {
        kaa_raise_type_error("expected str, got %s", kaa_type_name_of(args[0]));
    }
    KaaValue s = args[0];
    KaaStr *str = kaa_str(s);
    size_t i = 0;
    while (i < str->len && kaa_str_char(str, i) != '.' && kaa_str_char(str, i) != '[') {
        i++;
    }
    KaaValue first = kaa_str_substr(s, 0, i);
    KaaValue n = get_integer(first);
    FieldNameIter *it = cm_new(&fieldname_iter_type);
    it->cur.s = s;
    it->cur.pos = i;
    it->cur.end = str->len;
    return kaa_from_obj(kaa_tuple_pack(2, n != KAA_NULL ? n : first, kaa_from_obj(it)));
}

static const KaaMethodDef string_methods[] = {
    {"formatter_parser", string_formatter_parser, 0, "parse the argument as a format string"},
    {"formatter_field_name_split", string_field_name_split, 0,
     "split the argument as a field name"},
    {NULL},
};

KaaValue kaa_string_init(void) {
    kaa_type_ready(&formatter_iter_type);
    kaa_type_ready(&fieldname_iter_type);
    KaaValue m = kaa_module_new_cstr("_string");
    kaa_module_add_methods(m, string_methods);
    kaa_module_add(m, "__doc__", kaa_str_from_cstr("string helper module"));
    return m;
}
