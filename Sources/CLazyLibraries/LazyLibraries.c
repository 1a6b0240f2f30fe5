// libmount, libnl-route-3 (with libnl-3), libblkid and libcap-ng, loaded on
// first use.
//
// Linked the usual way, the two libraries and what they pull in (libblkid,
// libselinux, libpcre2) are mapped and relocated at every start of every
// tool: about a million instructions of the dynamic loader's work and a
// megabyte of dirtied pages, for xchroot, xunshare and xnsenter too, which
// never call them. libcap-ng is small, but its constructor reads
// /proc/sys/kernel/cap_last_cap and the process's capability state at every
// start (a dozen system calls), for the few runs that change capabilities.
// Instead each function the project uses is defined here with its header's
// prototype (so the compiler checks it against the header) and forwards to
// the library's own, looked up with dlsym the first time it is called; the
// library is dlopen'ed then. LazySymbols.def lists
// the functions: a function that is not listed there does not link.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libmount/libmount.h>
#include <blkid/blkid.h>
#include <netlink/netlink.h>
#include <netlink/errno.h>
#include <netlink/socket.h>
#include <netlink/handlers.h>
#include <netlink/addr.h>
#include <netlink/route/link.h>
#include <netlink/route/link/veth.h>
#include <netlink/route/addr.h>
#include <netlink/route/route.h>
#include <netlink/route/nexthop.h>
#include <cap-ng.h>

#include "CLazyLibraries.h"

enum library { MOUNT, NL, BLKID, CAPNG };
static const char *const library_names[] = { "libmount.so.1", "libnl-route-3.so.200", "libblkid.so.1", "libcap-ng.so.0" };
static void *library_handles[4];
static char tool_name[64];

void xns_lazy_libraries_set_tool_name(const char *name) {
    strncpy(tool_name, name, sizeof tool_name - 1);
}

// A tool that cannot load a library it needs cannot go on: one line in the
// tools' shape (the tool's name), and the status of a failed step (125).
static void fail(const char *what, const char *name) {
    const char *reason = dlerror();
    const char *parts[] = { tool_name[0] ? tool_name : program_invocation_short_name, ": cannot ", what, " '", name, "': ",
                            reason ? reason : "unknown error", "\n" };
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        ssize_t ignored = write(2, parts[i], strlen(parts[i]));
        (void)ignored;
    }
    _exit(125);
}

// RTLD_LAZY: the library's calls into its own dependencies are bound when
// first made, not all at load — libnl-route-3 and libnl-3 have 700 of them,
// of which a run makes a few dozen (400,000 instructions of symbol lookups
// saved for xveth). The functions xns calls are looked up by `symbol`, which
// fails with the one line; libmount, libblkid and libcap-ng are linked to
// bind at load whatever this says.
static const int open_mode = RTLD_LAZY | RTLD_LOCAL;

static void *library(enum library which) {
    if (!library_handles[which]) {
        library_handles[which] = dlopen(library_names[which], open_mode);
        if (!library_handles[which]) fail("load", library_names[which]);
    }
    return library_handles[which];
}

static void *symbol(enum library which, const char *name) {
    void *address = dlsym(library(which), name);
    if (!address) fail("find the function", name);
    return address;
}

void xns_lazy_libraries_load_capng(void) { library(CAPNG); }

int xns_lazy_libraries_loadable(void) {
    for (int which = MOUNT; which <= CAPNG; which++) {
        if (!library_handles[which] && !(library_handles[which] = dlopen(library_names[which], open_mode))) return -1;
    }
    return 0;
}

#define XNS_LAZY(lib, ret, name, params, args) \
    ret name params { \
        static ret (*real) params; \
        if (!real) real = (ret (*) params)symbol(lib, #name); \
        return real args; \
    }
#include "LazySymbols.def"
