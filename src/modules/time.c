// modules/time.c — the time module: clocks and sleep.
//
// Stage: modules. Clock readings come from clock_gettime; the struct_time functions (localtime,
// strftime, ...) belong to the standard-library issue.
#include <errno.h>
#include <math.h>
#include <time.h>

#include "modules/modules.h"

static double clock_seconds(clockid_t id) {
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static KaaValue clock_ns(clockid_t id) {
    struct timespec ts;
    clock_gettime(id, &ts);
    return kaa_int_from_i64((int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec);
}

#define CLOCK_FUNCS(name, id)                                                               \
    static KaaValue time_##name(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) { \
        kaa_args_count(#name, nargs, 0, 0);                                                 \
        return kaa_from_float(clock_seconds(id));                                           \
    }                                                                                       \
    static KaaValue time_##name##_ns(KaaValue self, KaaValue *args, size_t nargs,          \
                                     KaaTuple *kw) {                                        \
        kaa_args_count(#name "_ns", nargs, 0, 0);                                           \
        return clock_ns(id);                                                                \
    }
CLOCK_FUNCS(time, CLOCK_REALTIME)
CLOCK_FUNCS(perf_counter, CLOCK_MONOTONIC)
CLOCK_FUNCS(monotonic, CLOCK_MONOTONIC)
CLOCK_FUNCS(process_time, CLOCK_PROCESS_CPUTIME_ID)
CLOCK_FUNCS(thread_time, CLOCK_THREAD_CPUTIME_ID)

static KaaValue time_sleep(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("sleep", nargs, 1, 1);
    double secs = kaa_float_of(args[0]);
    if (isnan(secs)) {
        kaa_raise_value_error("Invalid value NaN (not a number)");
    }
    if (secs < 0) {
        kaa_raise_value_error("sleep length must be non-negative");
    }
    struct timespec ts = {(time_t)secs, (long)((secs - floor(secs)) * 1e9)};
    // A signal ends the wait early: its Python handler runs now (and may raise, as Ctrl-C's
    // KeyboardInterrupt does); otherwise the sleep goes on for the rest of the time (PEP 475).
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
        kaa_run_pending();
    }
    return kaa_None;
}

static const KaaMethodDef time_methods[] = {
    {"time", time_time, 0, "Return the current time in seconds since the Epoch."},
    {"time_ns", time_time_ns, 0, NULL},
    {"perf_counter", time_perf_counter, 0, NULL},
    {"perf_counter_ns", time_perf_counter_ns, 0, NULL},
    {"monotonic", time_monotonic, 0, NULL},
    {"monotonic_ns", time_monotonic_ns, 0, NULL},
    {"process_time", time_process_time, 0, NULL},
    {"process_time_ns", time_process_time_ns, 0, NULL},
    {"thread_time", time_thread_time, 0, NULL},
    {"thread_time_ns", time_thread_time_ns, 0, NULL},
    {"sleep", time_sleep, 0, "Delay execution for a given number of seconds."},
    {NULL},
};

KaaValue kaa_time_init(void) {
    KaaValue m = kaa_module_new_cstr("time");
    kaa_module_add_methods(m, time_methods);
    return m;
}
