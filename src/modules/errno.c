// modules/errno.c — the errno module: the E* constants of this platform and `errorcode`.
//
// Stage: modules. Only constants: the numbers come from <errno.h>, so they are right for the
// machine kaa was built on. Raising OSError with the right subclass is exc.c's business.
#include <errno.h>

#include "modules/modules.h"

// Every name CPython's errno module exports on Linux, in errno order. Where two names share a
// number (EAGAIN/EWOULDBLOCK, EDEADLK/EDEADLOCK, EOPNOTSUPP/ENOTSUP) the one CPython keeps in
// errorcode comes second, so that the later insertion wins.
#define ERRNO_NAMES(E) \
    E(EPERM) E(ENOENT) E(ESRCH) E(EINTR) E(EIO) E(ENXIO) E(E2BIG) E(ENOEXEC) E(EBADF) E(ECHILD) \
    E(EWOULDBLOCK) E(EAGAIN) E(ENOMEM) E(EACCES) E(EFAULT) E(ENOTBLK) E(EBUSY) E(EEXIST) E(EXDEV) \
    E(ENODEV) E(ENOTDIR) E(EISDIR) E(EINVAL) E(ENFILE) E(EMFILE) E(ENOTTY) E(ETXTBSY) E(EFBIG) \
    E(ENOSPC) E(ESPIPE) E(EROFS) E(EMLINK) E(EPIPE) E(EDOM) E(ERANGE) E(EDEADLK) E(EDEADLOCK) \
    E(ENAMETOOLONG) E(ENOLCK) E(ENOSYS) E(ENOTEMPTY) E(ELOOP) E(ENOMSG) E(EIDRM) E(ECHRNG) \
    E(EL2NSYNC) E(EL3HLT) E(EL3RST) E(ELNRNG) E(EUNATCH) E(ENOCSI) E(EL2HLT) E(EBADE) E(EBADR) \
    E(EXFULL) E(ENOANO) E(EBADRQC) E(EBADSLT) E(EBFONT) E(ENOSTR) E(ENODATA) E(ETIME) E(ENOSR) \
    E(ENONET) E(ENOPKG) E(EREMOTE) E(ENOLINK) E(EADV) E(ESRMNT) E(ECOMM) E(EPROTO) E(EMULTIHOP) \
    E(EDOTDOT) E(EBADMSG) E(EOVERFLOW) E(ENOTUNIQ) E(EBADFD) E(EREMCHG) E(ELIBACC) E(ELIBBAD) \
    E(ELIBSCN) E(ELIBMAX) E(ELIBEXEC) E(EILSEQ) E(ERESTART) E(ESTRPIPE) E(EUSERS) E(ENOTSOCK) \
    E(EDESTADDRREQ) E(EMSGSIZE) E(EPROTOTYPE) E(ENOPROTOOPT) E(EPROTONOSUPPORT) E(ESOCKTNOSUPPORT) \
    E(EOPNOTSUPP) E(ENOTSUP) E(EPFNOSUPPORT) E(EAFNOSUPPORT) E(EADDRINUSE) E(EADDRNOTAVAIL) \
    E(ENETDOWN) E(ENETUNREACH) E(ENETRESET) E(ECONNABORTED) E(ECONNRESET) E(ENOBUFS) E(EISCONN) \
    E(ENOTCONN) E(ESHUTDOWN) E(ETOOMANYREFS) E(ETIMEDOUT) E(ECONNREFUSED) E(EHOSTDOWN) \
    E(EHOSTUNREACH) E(EALREADY) E(EINPROGRESS) E(ESTALE) E(EUCLEAN) E(ENOTNAM) E(ENAVAIL) \
    E(EISNAM) E(EREMOTEIO) E(EDQUOT) E(ENOMEDIUM) E(EMEDIUMTYPE) E(ECANCELED) E(ENOKEY) \
    E(EKEYEXPIRED) E(EKEYREVOKED) E(EKEYREJECTED) E(EOWNERDEAD) E(ENOTRECOVERABLE) E(ERFKILL)

typedef struct {
    const char *name;
    int value;
} ErrnoRow;

static const ErrnoRow errno_rows[] = {
#define ROW(n) {#n, n},
    ERRNO_NAMES(ROW)
#undef ROW
};

KaaValue kaa_errno_init(void) {
    KaaValue m = kaa_module_new_cstr("errno");
    KaaDict *codes = kaa_dict_new();
    for (size_t i = 0; i < sizeof errno_rows / sizeof errno_rows[0]; i++) {
        KaaValue name = kaa_str_intern_cstr(errno_rows[i].name);
        KaaValue num = kaa_from_small(errno_rows[i].value);
        kaa_module_add(m, errno_rows[i].name, num);
        kaa_dict_set(codes, num, name);
    }
    kaa_module_add(m, "errorcode", kaa_from_obj(codes));
    return m;
}
