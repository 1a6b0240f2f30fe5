// See CLinux.h: thin wrappers and constants, compiled with the real headers.
#define _GNU_SOURCE
#include "CLinux.h"

#include <errno.h>
#include <string.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/securebits.h>
#include <linux/if_ether.h>
#include <sys/auxv.h>
#include <sys/xattr.h>
#include <linux/ipv6.h>
#include <linux/magic.h>
#include <linux/nsfs.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <stdlib.h>
#include <linux/mount.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/sysmacros.h>
#include <sys/vfs.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <langinfo.h>
#include <locale.h>

// ---- argv capture -----------------------------------------------------
static int captured_argc;
static char *const *captured_argv;
static struct stat executable_status;
static int executable_status_result = -1;
static const char *executable_path;

// glibc calls ELF constructors of the executable with (argc, argv, envp).
__attribute__((constructor)) static void xns_capture_arguments(int argc, char **argv,
                                                                char **envp) {
    (void)envp;
    captured_argc = argc;
    captured_argv = argv;
    executable_path = (const char *)getauxval(AT_EXECFN);
    if (executable_path != NULL) executable_status_result = stat(executable_path, &executable_status);
}

int xns_argc(void) { return captured_argc; }
char *const *xns_argv(void) { return captured_argv; }
void xns_set_arguments(int argc, char *const *argv) {
    captured_argc = argc;
    captured_argv = argv;
}

// CommandLine.arguments, from the same argv. The Swift runtime finds argv on
// Linux with a static constructor of its own (CommandLine.cpp in
// libswiftCore.a) that reads /proc/self/maps and sscanf's every line to find
// the stack, at every start of every tool: an eighth of a hop's instructions
// and seven system calls, and no arguments at all where /proc is not mounted.
// That object defines only these two functions; defined here, the static link
// finds them before it searches libswiftCore.a, and never takes the object in
// (were it taken in for another reason, the link would fail on the duplicate,
// not run the scan). `make build` checks that the scan is gone. Shared Swift
// runtimes (the debug build) keep their own: these stay unused there.
static char **overridden_argv;
static int overridden_argc;
__attribute__((swiftcall, visibility("hidden")))
char **_swift_stdlib_getUnsafeArgvArgc(int *count) {
    if (overridden_argv != NULL) {
        *count = overridden_argc;
        return overridden_argv;
    }
    static char *no_arguments[] = { NULL };
    if (captured_argv == NULL) {
        *count = 0;
        return no_arguments;
    }
    *count = captured_argc;
    return (char **)captured_argv;
}
__attribute__((swiftcall, visibility("hidden")))
void _swift_stdlib_overrideUnsafeArgvArgc(char **argv, int argc) {
    overridden_argv = argv;
    overridden_argc = argc;
}

const char *xns_executable_path(void) { return executable_path; }
unsigned long xns_secure_execution(void) { return getauxval(AT_SECURE); }
int xns_executable_identity(uint64_t *device, uint64_t *inode) {
    if (executable_status_result != 0) return -1;
    *device = executable_status.st_dev;
    *inode = executable_status.st_ino;
    return 0;
}

// ---- capability sets ----------------------------------------------------
int xns_capability_sets(uint64_t *effective, uint64_t *permitted, uint64_t *inheritable) {
    struct __user_cap_header_struct header = {_LINUX_CAPABILITY_VERSION_3, 0};
    struct __user_cap_data_struct data[2];
    if (syscall(SYS_capget, &header, data) != 0) return -1;
    *effective = (uint64_t)data[1].effective << 32 | data[0].effective;
    *permitted = (uint64_t)data[1].permitted << 32 | data[0].permitted;
    *inheritable = (uint64_t)data[1].inheritable << 32 | data[0].inheritable;
    return 0;
}
int xns_capability_in_bounding_set(int capability) { return prctl(PR_CAPBSET_READ, capability, 0, 0, 0); }
int xns_capability_in_ambient_set(int capability) {
    return prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, capability, 0, 0);
}
int xns_getresuid(uid_t *real, uid_t *effective, uid_t *saved) { return getresuid(real, effective, saved); }
int xns_getresgid(gid_t *real, gid_t *effective, gid_t *saved) { return getresgid(real, effective, saved); }
long xns_file_capabilities_size(const char *path) { return getxattr(path, "security.capability", NULL, 0); }
int xns_mounted_noexec(const char *path) {
    struct statvfs status;
    if (statvfs(path, &status) != 0) return -1;
    return (status.f_flag & ST_NOEXEC) != 0;
}
int xns_securebits(void) { return prctl(PR_GET_SECUREBITS, 0, 0, 0, 0); }
const int xns_SECBIT_NOROOT = SECBIT_NOROOT;
const int xns_SECBIT_KEEP_CAPS = SECBIT_KEEP_CAPS;
int xns_set_process_name(const char *name) { return prctl(PR_SET_NAME, name, 0, 0, 0); }

// ---- namespaces -------------------------------------------------------
int xns_unshare(int flags) { return unshare(flags); }
int xns_setns(int fd, int nstype) { return setns(fd, nstype); }
int xns_pidfd_open(pid_t pid, unsigned int flags) {
    return (int)syscall(SYS_pidfd_open, pid, flags);
}
int xns_pidfd_getfd(int pidfd, int targetfd, unsigned int flags) {
    return (int)syscall(SYS_pidfd_getfd, pidfd, targetfd, flags);
}

// linux/pidfd.h of Linux >= 6.11; older headers (Debian 12's) lack them.
#ifndef PIDFD_GET_CGROUP_NAMESPACE
#define PIDFS_IOCTL_MAGIC 0xFF
#define PIDFD_GET_CGROUP_NAMESPACE _IO(PIDFS_IOCTL_MAGIC, 1)
#define PIDFD_GET_IPC_NAMESPACE _IO(PIDFS_IOCTL_MAGIC, 2)
#define PIDFD_GET_MNT_NAMESPACE _IO(PIDFS_IOCTL_MAGIC, 3)
#define PIDFD_GET_NET_NAMESPACE _IO(PIDFS_IOCTL_MAGIC, 4)
#define PIDFD_GET_PID_NAMESPACE _IO(PIDFS_IOCTL_MAGIC, 5)
#define PIDFD_GET_TIME_NAMESPACE _IO(PIDFS_IOCTL_MAGIC, 7)
#define PIDFD_GET_USER_NAMESPACE _IO(PIDFS_IOCTL_MAGIC, 9)
#define PIDFD_GET_UTS_NAMESPACE _IO(PIDFS_IOCTL_MAGIC, 10)
#endif

int xns_pidfd_namespace(int pidfd, int nstype) {
    unsigned long request;
    switch (nstype) {
    case CLONE_NEWCGROUP: request = PIDFD_GET_CGROUP_NAMESPACE; break;
    case CLONE_NEWIPC: request = PIDFD_GET_IPC_NAMESPACE; break;
    case CLONE_NEWNS: request = PIDFD_GET_MNT_NAMESPACE; break;
    case CLONE_NEWNET: request = PIDFD_GET_NET_NAMESPACE; break;
    case CLONE_NEWPID: request = PIDFD_GET_PID_NAMESPACE; break;
    case CLONE_NEWTIME: request = PIDFD_GET_TIME_NAMESPACE; break;
    case CLONE_NEWUSER: request = PIDFD_GET_USER_NAMESPACE; break;
    case CLONE_NEWUTS: request = PIDFD_GET_UTS_NAMESPACE; break;
    default: errno = EINVAL; return -1;
    }
    return ioctl(pidfd, request, 0);
}

const int xns_CLONE_NEWNS = CLONE_NEWNS;
const int xns_CLONE_NEWUTS = CLONE_NEWUTS;
const int xns_CLONE_NEWIPC = CLONE_NEWIPC;
const int xns_CLONE_NEWNET = CLONE_NEWNET;
const int xns_CLONE_NEWPID = CLONE_NEWPID;
const int xns_CLONE_NEWUSER = CLONE_NEWUSER;
const int xns_CLONE_NEWCGROUP = CLONE_NEWCGROUP;
const int xns_CLONE_NEWTIME = CLONE_NEWTIME;

int xns_ns_get_nstype(int fd) { return ioctl(fd, NS_GET_NSTYPE); }
int xns_ns_get_parent(int fd) { return ioctl(fd, NS_GET_PARENT); }
int xns_ns_get_userns(int fd) { return ioctl(fd, NS_GET_USERNS); }
int xns_is_cgroup2(const char *path) {
    struct statfs buffer;
    if (statfs(path, &buffer) != 0) return -1;
    return buffer.f_type == CGROUP2_SUPER_MAGIC;
}
int xns_socket_netns(int sock) { return ioctl(sock, SIOCGSKNS); }

// ---- network interfaces -------------------------------------------------
const int xns_IFNAMSIZ = IFNAMSIZ;
const int xns_ETH_MIN_MTU = ETH_MIN_MTU;
const int xns_ETH_MAX_MTU = ETH_MAX_MTU;
const int xns_IPV6_MIN_MTU = IPV6_MIN_MTU;

// ---- root switching and mounts ----------------------------------------
int xns_pivot_root(const char *new_root, const char *put_old) {
    return (int)syscall(SYS_pivot_root, new_root, put_old);
}

const unsigned long xns_MS_RDONLY = MS_RDONLY;
const unsigned long xns_MS_NOSUID = MS_NOSUID;
const unsigned long xns_MS_NODEV = MS_NODEV;
const unsigned long xns_MS_NOEXEC = MS_NOEXEC;
const unsigned long xns_MS_BIND = MS_BIND;
const unsigned long xns_MS_MOVE = MS_MOVE;
const unsigned long xns_MS_REC = MS_REC;
const unsigned long xns_MS_PRIVATE = MS_PRIVATE;
const unsigned long xns_MS_SLAVE = MS_SLAVE;
const unsigned long xns_MS_SHARED = MS_SHARED;
const unsigned long xns_MS_REMOUNT = MS_REMOUNT;
const int xns_MNT_DETACH = MNT_DETACH;

int xns_open_tree(int dfd, const char *path, unsigned int flags) {
    return (int)syscall(SYS_open_tree, dfd, path, flags);
}
int xns_move_mount(int from_dfd, const char *from_path, int to_dfd, const char *to_path,
                   unsigned int flags) {
    return (int)syscall(SYS_move_mount, from_dfd, from_path, to_dfd, to_path, flags);
}
int xns_fsopen(const char *fsname, unsigned int flags) {
    return (int)syscall(SYS_fsopen, fsname, flags);
}
int xns_fsconfig(int fd, unsigned int cmd, const char *key, const void *value, int aux) {
    return (int)syscall(SYS_fsconfig, fd, cmd, key, value, aux);
}
int xns_fsmount(int fd, unsigned int flags, unsigned int attr_flags) {
    return (int)syscall(SYS_fsmount, fd, flags, attr_flags);
}
int xns_mount_setattr(int dfd, const char *path, unsigned int flags, uint64_t attr_set,
                      uint64_t attr_clr, uint64_t propagation, uint64_t userns_fd) {
    struct mount_attr attr = {
        .attr_set = attr_set,
        .attr_clr = attr_clr,
        .propagation = propagation,
        .userns_fd = userns_fd,
    };
    return (int)syscall(SYS_mount_setattr, dfd, path, flags, &attr, sizeof attr);
}

const unsigned long xns_MS_NOATIME = MS_NOATIME;
const unsigned long xns_MS_NODIRATIME = MS_NODIRATIME;
const unsigned long xns_MS_RELATIME = MS_RELATIME;
const unsigned long xns_MS_STRICTATIME = MS_STRICTATIME;
const unsigned long xns_MS_NOSYMFOLLOW = MS_NOSYMFOLLOW;
const int xns_MNT_FORCE = MNT_FORCE;
const int xns_UMOUNT_NOFOLLOW = UMOUNT_NOFOLLOW;

const unsigned int xns_OPEN_TREE_CLONE = OPEN_TREE_CLONE;
const unsigned int xns_OPEN_TREE_CLOEXEC = OPEN_TREE_CLOEXEC;
const unsigned int xns_MOVE_MOUNT_F_EMPTY_PATH = MOVE_MOUNT_F_EMPTY_PATH;
const unsigned int xns_MOVE_MOUNT_T_EMPTY_PATH = MOVE_MOUNT_T_EMPTY_PATH;
const unsigned int xns_FSOPEN_CLOEXEC = FSOPEN_CLOEXEC;
const unsigned int xns_FSMOUNT_CLOEXEC = FSMOUNT_CLOEXEC;
const unsigned int xns_FSCONFIG_SET_FLAG = FSCONFIG_SET_FLAG;
const unsigned int xns_FSCONFIG_SET_STRING = FSCONFIG_SET_STRING;
const unsigned int xns_FSCONFIG_CMD_CREATE = FSCONFIG_CMD_CREATE;
const unsigned int xns_AT_RECURSIVE = AT_RECURSIVE;
const uint64_t xns_MOUNT_ATTR_RDONLY = MOUNT_ATTR_RDONLY;
const uint64_t xns_MOUNT_ATTR_NOSUID = MOUNT_ATTR_NOSUID;
const uint64_t xns_MOUNT_ATTR_NODEV = MOUNT_ATTR_NODEV;
const uint64_t xns_MOUNT_ATTR_NOEXEC = MOUNT_ATTR_NOEXEC;
const uint64_t xns_MOUNT_ATTR__ATIME = MOUNT_ATTR__ATIME;
const uint64_t xns_MOUNT_ATTR_RELATIME = MOUNT_ATTR_RELATIME;
const uint64_t xns_MOUNT_ATTR_NOATIME = MOUNT_ATTR_NOATIME;
const uint64_t xns_MOUNT_ATTR_STRICTATIME = MOUNT_ATTR_STRICTATIME;
const uint64_t xns_MOUNT_ATTR_NODIRATIME = MOUNT_ATTR_NODIRATIME;
const uint64_t xns_MOUNT_ATTR_IDMAP = MOUNT_ATTR_IDMAP;
const uint64_t xns_MOUNT_ATTR_NOSYMFOLLOW = MOUNT_ATTR_NOSYMFOLLOW;

int xns_statvfs_mount_flags(const char *path, unsigned long *flags) {
    struct statvfs info;
    if (statvfs(path, &info) != 0) return -1;
    unsigned long out = 0;
    if (info.f_flag & ST_RDONLY) out |= MS_RDONLY;
    if (info.f_flag & ST_NOSUID) out |= MS_NOSUID;
    if (info.f_flag & ST_NODEV) out |= MS_NODEV;
    if (info.f_flag & ST_NOEXEC) out |= MS_NOEXEC;
    if (info.f_flag & ST_NOATIME) out |= MS_NOATIME;
    if (info.f_flag & ST_NODIRATIME) out |= MS_NODIRATIME;
    if (info.f_flag & ST_RELATIME) out |= MS_RELATIME;
    *flags = out;
    return 0;
}

// ---- device nodes ---------------------------------------------------------
int xns_mknodat_char(int dfd, const char *path, mode_t mode, unsigned int major,
                     unsigned int minor) {
    return mknodat(dfd, path, S_IFCHR | mode, makedev(major, minor));
}

// ---- files --------------------------------------------------------------
int xns_openat2(int dfd, const char *path, uint64_t flags, uint64_t mode, uint64_t resolve) {
    struct open_how how = {.flags = flags, .mode = mode, .resolve = resolve};
    return (int)syscall(SYS_openat2, dfd, path, &how, sizeof how);
}
const uint64_t xns_RESOLVE_IN_ROOT = RESOLVE_IN_ROOT;
const uint64_t xns_RESOLVE_NO_MAGICLINKS = RESOLVE_NO_MAGICLINKS;

int xns_statx_mount(int dfd, const char *path, int flags, int *is_mount_root,
                    uint64_t *dev, uint64_t *ino, uint32_t *mode) {
    struct statx stx;
    if (statx(dfd, path, flags, STATX_TYPE | STATX_MODE | STATX_INO, &stx) != 0) return -1;
    if (stx.stx_attributes_mask & STATX_ATTR_MOUNT_ROOT)
        *is_mount_root = (stx.stx_attributes & STATX_ATTR_MOUNT_ROOT) ? 1 : 0;
    else
        *is_mount_root = -1;
    *dev = makedev(stx.stx_dev_major, stx.stx_dev_minor);
    *ino = stx.stx_ino;
    *mode = stx.stx_mode;
    return 0;
}
const int xns_O_PATH = O_PATH;
const int xns_AT_EMPTY_PATH = AT_EMPTY_PATH;
const int xns_AT_SYMLINK_NOFOLLOW = AT_SYMLINK_NOFOLLOW;
const int xns_AT_REMOVEDIR = AT_REMOVEDIR;

int xns_close_range(unsigned int first, unsigned int last, unsigned int flags) {
    return (int)syscall(SYS_close_range, first, last, flags);
}

int xns_statfs_type(const char *path, int64_t *type) {
    struct statfs info;
    if (statfs(path, &info) != 0) return -1;
    *type = (int64_t)info.f_type;
    return 0;
}

const int64_t xns_RAMFS_MAGIC = RAMFS_MAGIC;
const int64_t xns_TMPFS_MAGIC = TMPFS_MAGIC;
const int64_t xns_SELINUX_MAGIC = SELINUX_MAGIC;

const char *xns_errno_name(int err) {
    const char *name = strerrorname_np(err);
    return name ? name : "E?";
}

// ---- process attributes -------------------------------------------------
int xns_set_no_new_privs(void) { return prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0); }
int xns_set_keepcaps(int on) { return prctl(PR_SET_KEEPCAPS, on, 0, 0, 0); }
int xns_set_pdeathsig(int sig) { return prctl(PR_SET_PDEATHSIG, sig, 0, 0, 0); }
int xns_disable_core_dumps(void) {
    struct rlimit none = {0, 0};
    return setrlimit(RLIMIT_CORE, &none);
}

// ---- processes and signals ----------------------------------------------
int xns_pipe2(int fds[2], int flags) { return pipe2(fds, flags); }
int xns_signalfd(int fd, const sigset_t *mask, int flags) { return signalfd(fd, mask, flags); }
int xns_open_pseudo_terminal(char *name, size_t size) {
    int fd = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) return -1;
    if (grantpt(fd) != 0 || unlockpt(fd) != 0 || ptsname_r(fd, name, size) != 0) {
        int saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    return fd;
}
int xns_open_pty_peer(int master) { return ioctl(master, TIOCGPTPEER, O_RDWR | O_NOCTTY | O_CLOEXEC); }
int xns_set_controlling_terminal(int fd) { return ioctl(fd, TIOCSCTTY, 0); }
int xns_copy_window_size(int from, int to) {
    struct winsize size;
    if (ioctl(from, TIOCGWINSZ, &size) != 0) return -1;
    return ioctl(to, TIOCSWINSZ, &size);
}

int xns_signalfd_read(int fd, int *code) {
    struct signalfd_siginfo info;
    ssize_t n = read(fd, &info, sizeof info);
    if (n < 0) return -1;
    if (n == 0) return 0;
    if ((size_t)n != sizeof info) { errno = EIO; return -1; }
    *code = info.ssi_code;
    return (int)info.ssi_signo;
}
const int xns_SI_KERNEL = SI_KERNEL;
const int xns_SFD_CLOEXEC = SFD_CLOEXEC;
const char *xns_signal_abbrev(int sig) { return sigabbrev_np(sig); }
const int xns_NSIG = NSIG;

// ---- names of the system ----------------------------------------------------
int xns_sethostname(const char *name, size_t length) { return sethostname(name, length); }
int xns_setdomainname(const char *name, size_t length) { return setdomainname(name, length); }

int xns_getopt_long(int argc, char **argv, const char *shortopts, const struct option *longopts, char **value) {
    int c = getopt_long(argc, argv, shortopts, longopts, NULL);
    *value = optarg;
    return c;
}
void xns_getopt_reset(void) { optind = 0; }
int xns_getopt_index(void) { return optind; }

int xns_sigrtmin(void) { return SIGRTMIN; }
int xns_sigrtmax(void) { return SIGRTMAX; }
int xns_locale_is_utf8(void) {
    if (setlocale(LC_CTYPE, "") == NULL) return 0;
    return strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
}
