/* faultinject [-n N] [-p ARG:TEXT] [-d ARG:TEXT] [-l LOG] [-a SYSCALL:ERRNO] SYSCALL ERRNO COMMAND [ARG...]
 *
 * Runs COMMAND (an absolute path, or a name searched in PATH) with one
 * system call made to fail: SYSCALL (a name, such as mount or sendmsg)
 * returns -1 with ERRNO (a name such as EPERM, or a number) in COMMAND and
 * in every process it starts — a seccomp filter is inherited across fork and
 * execve, so a helper a tool forks is faulted too.
 *
 *   -n N         only the Nth matching call fails (counted over all the
 *                processes); the others are made as usual. Default: every one.
 *   -p ARG:TEXT  a call matches only if its argument ARG (0 to 5) points to
 *                a string (a path) that contains TEXT
 *   -d ARG:TEXT  a call matches only if its argument ARG is an fd whose
 *                /proc/PID/fd link contains TEXT ("uid_map", "NETLINK")
 *   -l LOG       append a line to LOG for every call made to fail
 *   -a SYSCALL:ERRNO  also: every call of this other system call fails
 *                (in the filter itself, uncounted: a second fault at once,
 *                since a process tree can have only one listener)
 *
 * How: the child sets no_new_privs and installs a seccomp filter that
 * sends SYSCALL to this process (SECCOMP_RET_USER_NOTIF), which answers
 * each call with the error or lets it go on (SECCOMP_USER_NOTIF_FLAG_CONTINUE),
 * and then execs COMMAND. Counting and looking at arguments is done here,
 * which a BPF filter alone cannot. faultinject ends as COMMAND ended (its
 * status, or the same signal). Its own calls between installing the filter
 * and exec carry a marker in the sixth argument register, which the filter
 * lets through. Its own failures: a line "faultinject: ..." and status 99.
 *
 * x86_64 and aarch64 only; built with gcc by the tests. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#if defined(__x86_64__)
#define ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define ARCH AUDIT_ARCH_AARCH64
#else
#error "faultinject knows x86_64 and aarch64"
#endif

extern char **environ;

/* In the sixth argument of faultinject's own calls: let through. */
#define MARKER 0x78e5fa017ec7ULL

static void die(const char *what) {
    fprintf(stderr, "faultinject: %s: %s\n", what, strerror(errno));
    _exit(99);
}

static void usage(const char *why) {
    fprintf(stderr, "faultinject: %s\nusage: faultinject [-n N] [-p ARG:TEXT] [-d ARG:TEXT] [-l LOG] [-a SYSCALL:ERRNO] SYSCALL ERRNO COMMAND [ARG...]\n", why);
    _exit(99);
}

#define S(name) { #name, SYS_##name }
static const struct { const char *name; long number; } syscalls[] = {
    S(mount), S(umount2), S(fsopen), S(fsconfig), S(fsmount), S(fspick), S(open_tree), S(move_mount),
    S(mount_setattr), S(pivot_root), S(chroot), S(chdir), S(fchdir), S(setns), S(unshare), S(clone),
    S(clone3), S(execve), S(execveat), S(openat), S(openat2), S(write), S(read), S(close), S(mkdirat),
    S(unlinkat), S(symlinkat), S(mknodat), S(socket), S(sendmsg), S(recvmsg), S(sendto), S(recvfrom),
    S(bind), S(setuid), S(setgid), S(setgroups), S(setresuid), S(setresgid), S(prctl), S(capset),
    S(sethostname), S(setdomainname), S(pidfd_open), S(wait4), S(waitid), S(kill), S(ioctl),
    S(newfstatat), S(statx), S(readlinkat), S(fchmodat), S(fchownat), S(pipe2), S(dup3),
#if defined(__x86_64__)
    S(mkdir), S(rmdir), S(unlink), S(symlink), S(open), S(fork), S(vfork), S(mknod), S(stat), S(lstat),
#endif
};

static long syscall_number(const char *name) {
    for (size_t i = 0; i < sizeof syscalls / sizeof syscalls[0]; i++)
        if (strcmp(syscalls[i].name, name) == 0) return syscalls[i].number;
    char *end;
    long number = strtol(name, &end, 10);
    if (*name && !*end && number >= 0) return number;
    usage("unknown system call name (add it to the table in faultinject.c)");
    return -1;
}

#define E(name) { #name, name }
static const struct { const char *name; int number; } errnos[] = {
    E(EPERM), E(ENOENT), E(ESRCH), E(EINTR), E(EIO), E(E2BIG), E(ENOEXEC), E(EBADF), E(ECHILD), E(EAGAIN),
    E(ENOMEM), E(EACCES), E(EFAULT), E(EBUSY), E(EEXIST), E(EXDEV), E(ENODEV), E(ENOTDIR), E(EISDIR),
    E(EINVAL), E(ENFILE), E(EMFILE), E(ENOSPC), E(EROFS), E(EMLINK), E(ENAMETOOLONG), E(ENOSYS),
    E(ELOOP), E(EUSERS), E(EOPNOTSUPP), E(ENOBUFS), E(ETIMEDOUT), E(ECONNREFUSED), E(EDQUOT),
};

static int errno_number(const char *name) {
    for (size_t i = 0; i < sizeof errnos / sizeof errnos[0]; i++)
        if (strcmp(errnos[i].name, name) == 0) return errnos[i].number;
    char *end;
    long number = strtol(name, &end, 10);
    if (*name && !*end && number > 0 && number < 4096) return (int)number;
    usage("unknown errno name");
    return -1;
}

struct condition { int argument; const char *text; };

static struct condition parse_condition(const char *spec) {
    struct condition c;
    if (spec[0] < '0' || spec[0] > '5' || spec[1] != ':') usage("a condition is ARG:TEXT with ARG 0 to 5");
    c.argument = spec[0] - '0';
    c.text = spec + 2;
    return c;
}

/* The NUL-terminated string at `address` in process `pid`, or "" when it
 * cannot be read. Read page by page: the string may end before a hole. */
static void read_string(pid_t pid, uint64_t address, char *out, size_t size) {
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/mem", pid);
    out[0] = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    size_t have = 0;
    while (have + 1 < size) {
        size_t page_left = 4096 - ((address + have) % 4096);
        size_t want = size - 1 - have < page_left ? size - 1 - have : page_left;
        ssize_t n = pread(fd, out + have, want, (off_t)(address + have));
        if (n <= 0) break;
        out[have + n] = 0;
        if (memchr(out + have, 0, (size_t)n)) break;
        have += (size_t)n;
    }
    out[size - 1] = 0;
    close(fd);
}

static void fd_link(pid_t pid, uint64_t fd, char *out, size_t size) {
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/fd/%lld", pid, (long long)(int)fd);
    ssize_t n = readlink(path, out, size - 1);
    out[n < 0 ? 0 : n] = 0;
}

int main(int argc, char **argv) {
    long nth = 0;
    struct condition path = { -1, NULL }, fdpath = { -1, NULL };
    const char *log = NULL;
    long also = -1;
    int also_error = 0;
    int option;
    while ((option = getopt(argc, argv, "+n:p:d:l:a:")) != -1) {
        switch (option) {
        case 'n': nth = atol(optarg); if (nth < 1) usage("-n takes a number from 1"); break;
        case 'p': path = parse_condition(optarg); break;
        case 'd': fdpath = parse_condition(optarg); break;
        case 'l': log = optarg; break;
        case 'a': {
            char *colon = strchr(optarg, ':');
            if (!colon) usage("-a takes SYSCALL:ERRNO");
            *colon = 0;
            also = syscall_number(optarg);
            also_error = errno_number(colon + 1);
            break;
        }
        default: usage("unknown option");
        }
    }
    if (argc - optind < 3) usage("SYSCALL ERRNO COMMAND are needed");
    const char *name = argv[optind];
    long number = syscall_number(name);
    int error = errno_number(argv[optind + 1]);
    char **command = argv + optind + 2;

    /* The program to exec, found before the filter is there. */
    char program[4096];
    if (strchr(command[0], '/')) {
        snprintf(program, sizeof program, "%s", command[0]);
    } else {
        const char *search = getenv("PATH") ? getenv("PATH") : "/usr/bin:/bin";
        program[0] = 0;
        for (const char *p = search; *p;) {
            const char *colon = strchrnul(p, ':');
            snprintf(program, sizeof program, "%.*s/%s", (int)(colon - p), p, command[0]);
            if (access(program, X_OK) == 0) break;
            program[0] = 0;
            p = *colon ? colon + 1 : colon;
        }
        if (!program[0]) { errno = ENOENT; die(command[0]); }
    }

    int handoff[2], release[2];
    if (pipe2(handoff, O_CLOEXEC) < 0 || pipe2(release, O_CLOEXEC) < 0) die("pipe2");
    fflush(NULL);
    pid_t child = fork();
    if (child < 0) die("fork");
    if (child == 0) {
        close(handoff[0]);
        close(release[1]);
        if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) die("prctl(PR_SET_NO_NEW_PRIVS)");
        struct sock_filter filter[] = {
            BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
            BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ARCH, 1, 0),
            BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
            BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
            BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (uint32_t)also, 0, 1),
            BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (uint32_t)also_error),
            BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (uint32_t)number, 1, 0),
            BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
            /* args[5], little-endian halves: the marker lets the call through. */
            BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[5])),
            BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (uint32_t)MARKER, 0, 3),
            BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[5]) + 4),
            BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (uint32_t)(MARKER >> 32), 0, 1),
            BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
            BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF),
        };
        struct sock_fprog program_filter = { sizeof filter / sizeof filter[0], filter };
        long listener = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_NEW_LISTENER, &program_filter);
        if (listener < 0) die("seccomp(SECCOMP_SET_MODE_FILTER)");
        int fd = (int)listener;
        /* From here on every call may be SYSCALL: each carries the marker. */
        char ok;
        if (syscall(SYS_write, handoff[1], &fd, sizeof fd, 0, 0, MARKER) != sizeof fd) _exit(99);
        if (syscall(SYS_read, release[0], &ok, 1, 0, 0, MARKER) != 1) _exit(99);
        syscall(SYS_close, fd, 0, 0, 0, 0, MARKER);
        syscall(SYS_execve, program, command, environ, 0, 0, MARKER);
        int err = errno;
        char line[4200];
        int n = snprintf(line, sizeof line, "faultinject: cannot run %s: %s\n", program, strerror(err));
        syscall(SYS_write, 2, line, n, 0, 0, MARKER);
        syscall(SYS_exit_group, 99, 0, 0, 0, 0, MARKER);
    }
    close(handoff[1]);
    close(release[0]);
    int remote;
    if (read(handoff[0], &remote, sizeof remote) != sizeof remote) {
        int status;
        waitpid(child, &status, 0);
        _exit(99);
    }
    int pidfd = (int)syscall(SYS_pidfd_open, child, 0);
    if (pidfd < 0) die("pidfd_open");
    int listener = (int)syscall(SYS_pidfd_getfd, pidfd, remote, 0);
    if (listener < 0) die("pidfd_getfd");
    if (write(release[1], "x", 1) != 1) die("write");
    close(release[1]);
    close(handoff[0]);

    struct seccomp_notif_sizes sizes;
    if (syscall(SYS_seccomp, SECCOMP_GET_NOTIF_SIZES, 0, &sizes) < 0) die("seccomp(SECCOMP_GET_NOTIF_SIZES)");
    size_t request_size = sizes.seccomp_notif > sizeof(struct seccomp_notif) ? sizes.seccomp_notif : sizeof(struct seccomp_notif);
    size_t response_size = sizes.seccomp_notif_resp > sizeof(struct seccomp_notif_resp) ? sizes.seccomp_notif_resp : sizeof(struct seccomp_notif_resp);
    struct seccomp_notif *request = malloc(request_size);
    struct seccomp_notif_resp *response = malloc(response_size);
    long matched = 0;

    for (;;) {
        struct pollfd fds[2] = { { listener, POLLIN, 0 }, { pidfd, POLLIN, 0 } };
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            die("poll");
        }
        if (fds[0].revents & POLLIN) {
            memset(request, 0, request_size);
            if (ioctl(listener, SECCOMP_IOCTL_NOTIF_RECV, request) < 0) {
                if (errno == EINTR || errno == ENOENT) continue;
                die("SECCOMP_IOCTL_NOTIF_RECV");
            }
            int matches = 1;
            char text[4096];
            if (path.text) {
                read_string((pid_t)request->pid, request->data.args[path.argument], text, sizeof text);
                matches = strstr(text, path.text) != NULL;
            }
            if (matches && fdpath.text) {
                fd_link((pid_t)request->pid, request->data.args[fdpath.argument], text, sizeof text);
                matches = strstr(text, fdpath.text) != NULL;
            }
            int fail = matches && (nth == 0 || ++matched == nth);
            if (matches && nth == 0) matched++;
            memset(response, 0, response_size);
            response->id = request->id;
            if (fail) {
                response->error = -error;
                response->val = 0;
                if (log) {
                    FILE *file = fopen(log, "ae");
                    if (file) {
                        fprintf(file, "%s failed with %s in process %u (match %ld)\n", name, strerrorname_np(error) ? strerrorname_np(error) : "?", request->pid, matched);
                        fclose(file);
                    }
                }
            } else {
                response->flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
            }
            /* ENOENT: the caller was interrupted and is gone; nothing to answer. */
            if (ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, response) < 0 && errno != ENOENT) die("SECCOMP_IOCTL_NOTIF_SEND");
            continue;
        }
        if (fds[1].revents & POLLIN) break;
    }

    int status;
    while (waitpid(child, &status, 0) < 0)
        if (errno != EINTR) die("waitpid");
    if (WIFSIGNALED(status)) {
        signal(WTERMSIG(status), SIG_DFL);
        sigset_t all;
        sigfillset(&all);
        sigprocmask(SIG_UNBLOCK, &all, NULL);
        kill(getpid(), WTERMSIG(status));
        _exit(128 + WTERMSIG(status));
    }
    return WEXITSTATUS(status);
}
