// modules/locale.c — the _locale module: setlocale, localeconv, nl_langinfo, strcoll,
// strxfrm, getencoding, the gettext family, and the LC_* / nl_langinfo constants.
//
// Stage: modules. A thin layer over the C library's locale functions. Text from the C library
// is decoded as UTF-8 (undecodable bytes as surrogates). At import, LC_CTYPE is set from the
// environment when it is still "C", and a resulting "C"/"POSIX" locale is coerced to C.UTF-8
// (PEP 538), which is what CPython does at start-up: it reports e.g. 'C.UTF-8' for LC_CTYPE
// and 'C' for the other categories.
#include <errno.h>
#include <langinfo.h>
#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "modules/coremods.h"

static KaaValue locale_error;

static KaaValue text(const char *s) {
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i++) {
        if ((unsigned char)s[i] >= 0x80) {
            KaaValue r = kaa_str_decode((const uint8_t *)s, n, kaa_str_from_cstr("utf-8"),
                                        kaa_str_from_cstr("surrogateescape"));
            return r;
        }
    }
    return kaa_str_from_ascii(s, n);
}

static KAA_NORETURN void raise_locale_error(const char *msg) {
    kaa_raise(kaa_exc_new_msg((KaaType *)kaa_obj(locale_error), kaa_str_from_cstr(msg)));
}

static KaaValue locale_setlocale(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    cm_no_kw("setlocale", kw);
    cm_check_positional("setlocale", nargs, 1, 2);
    int category = (int)cm_ssize(args[0]);
    const char *loc = NULL;
    if (nargs > 1 && args[1] != kaa_None) {
        if (!kaa_is_str(args[1])) {
            kaa_raise_type_error("setlocale() argument 2 must be str or None, not %s",
                                 kaa_argtype_name(args[1]));
        }
        loc = kaa_str_utf8(args[1], NULL);
    }
    const char *r = setlocale(category, loc);
    if (r == NULL) {
        raise_locale_error(loc == NULL ? "locale query failed" : "unsupported locale setting");
    }
    return text(r);
}

// The grouping string as CPython lists it: every value up to and including the terminating
// 0 or CHAR_MAX.
static KaaValue grouping_list(const char *g) {
    KaaList *l = kaa_list_new(0);
    if (g[0] == '\0') {
        return kaa_from_obj(l);
    }
    for (size_t i = 0;; i++) {
        kaa_list_append(l, kaa_from_small((unsigned char)g[i]));
        if (g[i] == '\0' || g[i] == CHAR_MAX) {
            break;
        }
    }
    return kaa_from_obj(l);
}

static KaaValue locale_localeconv(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("localeconv", nargs, 0, 0);
    struct lconv *lc = localeconv();
    KaaDict *d = kaa_dict_new();
    kaa_dict_set_cstr(d, "int_curr_symbol", text(lc->int_curr_symbol));
    kaa_dict_set_cstr(d, "currency_symbol", text(lc->currency_symbol));
    kaa_dict_set_cstr(d, "mon_decimal_point", text(lc->mon_decimal_point));
    kaa_dict_set_cstr(d, "mon_thousands_sep", text(lc->mon_thousands_sep));
    kaa_dict_set_cstr(d, "mon_grouping", grouping_list(lc->mon_grouping));
    kaa_dict_set_cstr(d, "positive_sign", text(lc->positive_sign));
    kaa_dict_set_cstr(d, "negative_sign", text(lc->negative_sign));
    static const char *const names[] = {"int_frac_digits", "frac_digits", "p_cs_precedes",
                                        "p_sep_by_space", "n_cs_precedes", "n_sep_by_space",
                                        "p_sign_posn", "n_sign_posn"};
    const char values[] = {lc->int_frac_digits, lc->frac_digits, lc->p_cs_precedes,
                           lc->p_sep_by_space, lc->n_cs_precedes, lc->n_sep_by_space,
                           lc->p_sign_posn, lc->n_sign_posn};
    for (size_t i = 0; i < 8; i++) {
        kaa_dict_set_cstr(d, names[i], kaa_from_small((unsigned char)values[i]));
    }
    kaa_dict_set_cstr(d, "decimal_point", text(lc->decimal_point));
    kaa_dict_set_cstr(d, "thousands_sep", text(lc->thousands_sep));
    kaa_dict_set_cstr(d, "grouping", grouping_list(lc->grouping));
    return kaa_from_obj(d);
}

static wchar_t *to_wide(KaaValue s) {
    KaaStr *str = kaa_str(s);
    wchar_t *w = kaa_alloc_atomic(sizeof(wchar_t) * (str->len + 1));
    for (size_t i = 0; i < str->len; i++) {
        uint32_t c = kaa_str_char(str, i);
        if (c == 0) {
            kaa_raise_value_error("embedded null character");
        }
        w[i] = (wchar_t)c;
    }
    w[str->len] = 0;
    return w;
}

static KaaValue locale_strcoll(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    cm_check_positional("strcoll", nargs, 2, 2);
    for (int i = 0; i < 2; i++) {
        if (!kaa_is_str(args[i])) {
            kaa_raise_type_error("strcoll() argument %d must be str, not %s", i + 1,
                                 kaa_argtype_name(args[i]));
        }
    }
    return kaa_from_small(wcscoll(to_wide(args[0]), to_wide(args[1])));
}

static KaaValue locale_strxfrm(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("strxfrm", nargs, 1, 1);
    if (!kaa_is_str(args[0])) {
        kaa_raise_type_error("strxfrm() argument must be str, not %s", kaa_argtype_name(args[0]));
    }
    wchar_t *w = to_wide(args[0]);
    size_t n = wcsxfrm(NULL, w, 0) + 1;
    wchar_t *out = kaa_alloc_atomic(sizeof(wchar_t) * n);
    wcsxfrm(out, w, n);
    size_t len = wcslen(out);
    uint32_t *cps = kaa_alloc_atomic(sizeof(uint32_t) * (len + 1));
    for (size_t i = 0; i < len; i++) {
        cps[i] = (uint32_t)out[i];
    }
    return kaa_str_from_ucs4(cps, len);
}

static KaaValue locale_nl_langinfo(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("nl_langinfo", nargs, 1, 1);
    int64_t item = cm_ssize(args[0]);
    if (item < 0 || item > INT_MAX) {
        kaa_raise_value_error("unsupported langinfo constant");
    }
    return text(nl_langinfo((nl_item)item));
}

static KaaValue locale_getencoding(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("getencoding", nargs, 0, 0);
    const char *cs = nl_langinfo(CODESET);
    if (cs == NULL || cs[0] == 0 || strcmp(cs, "ANSI_X3.4-1968") == 0) {
        return kaa_str_from_cstr("UTF-8");  // CPython's UTF-8 mode default for the C locale
    }
    return text(cs);
}

static const char *opt_cstr(KaaValue v) {
    return v == kaa_None ? NULL : kaa_str_utf8(v, NULL);
}

static KaaValue locale_gettext(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("gettext", nargs, 1, 1);
    return text(gettext(kaa_str_utf8(args[0], NULL)));
}

static KaaValue locale_dgettext(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    cm_check_positional("dgettext", nargs, 2, 2);
    return text(dgettext(opt_cstr(args[0]), kaa_str_utf8(args[1], NULL)));
}

static KaaValue locale_dcgettext(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    cm_check_positional("dcgettext", nargs, 3, 3);
    return text(dcgettext(opt_cstr(args[0]), kaa_str_utf8(args[1], NULL),
                          (int)cm_ssize(args[2])));
}

static KaaValue locale_textdomain(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("textdomain", nargs, 1, 1);
    const char *r = textdomain(opt_cstr(args[0]));
    if (r == NULL) {
        kaa_raise_os_error(errno, KAA_NULL);
    }
    return text(r);
}

static KaaValue locale_bindtextdomain(KaaValue self, KaaValue *args, size_t nargs,
                                      KaaTuple *kw) {
    cm_check_positional("bindtextdomain", nargs, 2, 2);
    const char *r = bindtextdomain(kaa_str_utf8(args[0], NULL), opt_cstr(args[1]));
    if (r == NULL) {
        kaa_raise_os_error(errno, KAA_NULL);
    }
    return text(r);
}

static KaaValue locale_bind_textdomain_codeset(KaaValue self, KaaValue *args, size_t nargs,
                                               KaaTuple *kw) {
    cm_check_positional("bind_textdomain_codeset", nargs, 2, 2);
    const char *r = bind_textdomain_codeset(kaa_str_utf8(args[0], NULL), opt_cstr(args[1]));
    return r == NULL ? kaa_None : text(r);
}

#define LF(name) {#name, locale_##name, 0, NULL}
static const KaaMethodDef locale_methods[] = {
    LF(setlocale), LF(localeconv), LF(strcoll), LF(strxfrm), LF(nl_langinfo), LF(getencoding),
    LF(gettext), LF(dgettext), LF(dcgettext), LF(textdomain), LF(bindtextdomain),
    LF(bind_textdomain_codeset),
    {NULL},
};
#undef LF

#define C(name) {#name, name}
static const struct {
    const char *name;
    int value;
} locale_constants[] = {
    C(LC_CTYPE), C(LC_COLLATE), C(LC_TIME), C(LC_MONETARY), C(LC_NUMERIC), C(LC_ALL),
    C(LC_MESSAGES), C(CHAR_MAX),
    C(CODESET), C(D_T_FMT), C(D_FMT), C(T_FMT), C(T_FMT_AMPM), C(AM_STR), C(PM_STR),
    C(DAY_1), C(DAY_2), C(DAY_3), C(DAY_4), C(DAY_5), C(DAY_6), C(DAY_7),
    C(ABDAY_1), C(ABDAY_2), C(ABDAY_3), C(ABDAY_4), C(ABDAY_5), C(ABDAY_6), C(ABDAY_7),
    C(MON_1), C(MON_2), C(MON_3), C(MON_4), C(MON_5), C(MON_6), C(MON_7), C(MON_8), C(MON_9),
    C(MON_10), C(MON_11), C(MON_12),
    C(ABMON_1), C(ABMON_2), C(ABMON_3), C(ABMON_4), C(ABMON_5), C(ABMON_6), C(ABMON_7),
    C(ABMON_8), C(ABMON_9), C(ABMON_10), C(ABMON_11), C(ABMON_12),
    C(RADIXCHAR), C(THOUSEP), C(YESEXPR), C(NOEXPR), C(CRNCYSTR), C(ERA), C(ERA_D_FMT),
    C(ERA_D_T_FMT), C(ERA_T_FMT), C(ALT_DIGITS), {"_DATE_FMT", _DATE_FMT},
};
#undef C

KaaValue kaa_locale_init(void) {
    const char *ctype = setlocale(LC_CTYPE, NULL);
    if (ctype != NULL && strcmp(ctype, "C") == 0) {
        ctype = setlocale(LC_CTYPE, "");
        if (ctype == NULL || strcmp(ctype, "C") == 0 || strcmp(ctype, "POSIX") == 0) {
            setlocale(LC_CTYPE, "C.UTF-8");
        }
    }
    KaaValue m = kaa_module_new_cstr("_locale");
    kaa_module_add_methods(m, locale_methods);
    if (locale_error == KAA_NULL) {
        KaaDict *ns = kaa_dict_new();
        kaa_dict_set(ns, KAA_ID(__module__), kaa_str_from_cstr("locale"));
        KaaTuple *bases = kaa_tuple_pack(1, kaa_from_obj(kaa_Exception));
        locale_error = kaa_type_new(&kaa_type_type, kaa_str_from_cstr("Error"), bases, ns,
                                    NULL, NULL);
    }
    kaa_module_add(m, "Error", locale_error);
    for (size_t i = 0; i < sizeof locale_constants / sizeof locale_constants[0]; i++) {
        kaa_module_add(m, locale_constants[i].name, kaa_from_small(locale_constants[i].value));
    }
    return m;
}
