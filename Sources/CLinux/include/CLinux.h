// CLinux: the Linux calls and constants that Swift's Glibc module does not
// export (they sit behind _GNU_SOURCE or in kernel headers whose macros clash
// with glibc's). Thin on purpose: wrappers and values only, no logic.
//
// Constants are exported as `extern const` objects defined in CLinux.c, which
// is compiled with _GNU_SOURCE against the real headers, so no value is ever
// typed by hand here.
#ifndef XNS_CLINUX_H
#define XNS_CLINUX_H

#include <stdint.h>
#include <sys/types.h>
#include <signal.h>
#include <stddef.h>

// ---- argv and environment, captured before Swift runs --------------------
// The Swift runtime finds argv through /proc/self/maps, which does not exist
// before /proc is mounted (initramfs, a fresh root). An ELF constructor
// receives argc/argv/envp from the loader instead; these return what it saw
// (and, in the release build, so does CommandLine.arguments: see CLinux.c).
int xns_argc(void);
char *const *xns_argv(void);
// A tool run in-process in place of exec (see XCore ExecElision) gets the
// argv that execve would have passed; the array must outlive the process.
void xns_set_arguments(int argc, char *const *argv);
// The device and inode of the file this process was executed from
// (AT_EXECFN, stat'ed by the same constructor, before anything could change
// the root or the working directory). 0, or -1 if it could not be stat'ed.
int xns_executable_identity(uint64_t *device, uint64_t *inode);
// AT_EXECFN itself: the path the file was executed by (NULL if unknown).
const char *xns_executable_path(void);
// getauxval(AT_SECURE): nonzero when the kernel ran this file set-user-ID,
// set-group-ID or with file capabilities (glibc's secure-execution mode).
unsigned long xns_secure_execution(void);

// ---- getopt_long(3), for the classic-name personalities --------------------
// The same parser util-linux and coreutils use, so that `unshare`, `chroot`
// … under their own names read a command line exactly as the real tools do
// (abbreviations, permutation, POSIXLY_CORRECT) and word getopt's errors in
// glibc's own lines. One call reads one option: its value (optarg) goes to
// *value; the return value is getopt_long's.
#include <getopt.h>
int xns_getopt_long(int argc, char **argv, const char *shortopts, const struct option *longopts, char **value);
// optind = 0: the next call starts a new scan (a tool run in-process after another).
void xns_getopt_reset(void);
// optind: the index of the first word getopt did not read.
int xns_getopt_index(void);

// SIGRTMIN and SIGRTMAX as glibc hands them out (functions, not constants).
int xns_sigrtmin(void);
int xns_sigrtmax(void);
// setlocale(LC_CTYPE, "") and whether the locale's charset is UTF-8: 1 or 0
// (coreutils' quotes follow it).
int xns_locale_is_utf8(void);

// ---- capability sets (capget(2), version 3: all 64 bits) ------------------
int xns_capability_sets(uint64_t *effective, uint64_t *permitted, uint64_t *inheritable);
// prctl(PR_CAPBSET_READ) and prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET):
// 1 or 0, -1 with EINVAL past the kernel's last capability.
int xns_capability_in_bounding_set(int capability);
int xns_capability_in_ambient_set(int capability);
// getresuid(2), getresgid(2).
int xns_getresuid(uid_t *real, uid_t *effective, uid_t *saved);
int xns_getresgid(gid_t *real, gid_t *effective, gid_t *saved);
// getxattr(2) of "security.capability": its size if the file has
// capabilities, -1 with ENODATA if it has none.
long xns_file_capabilities_size(const char *path);
// statvfs(2) f_flag & ST_NOEXEC: 1, 0, or -1 with errno.
int xns_mounted_noexec(const char *path);
// prctl(PR_GET_SECUREBITS).
int xns_securebits(void);
extern const int xns_SECBIT_NOROOT;
extern const int xns_SECBIT_KEEP_CAPS;
// prctl(PR_SET_NAME): the process name ps(1) shows, as exec sets it.
int xns_set_process_name(const char *name);

// ---- namespaces -----------------------------------------------------------
int xns_unshare(int flags);
int xns_setns(int fd, int nstype);
int xns_pidfd_open(pid_t pid, unsigned int flags);
// pidfd_getfd(2) (Linux >= 5.6): an O_CLOEXEC duplicate of fd `targetfd` of
// the process behind `pidfd` (needs ptrace access to it).
int xns_pidfd_getfd(int pidfd, int targetfd, unsigned int flags);
// ioctl(PIDFD_GET_<KIND>_NAMESPACE) on a pidfd (Linux >= 6.11): an O_CLOEXEC
// fd of the process's namespace of clone flag `nstype`, a handle that needs
// no /proc. -1 with errno (ENOTTY before Linux 6.11, EINVAL for no such kind).
int xns_pidfd_namespace(int pidfd, int nstype);

extern const int xns_CLONE_NEWNS;
extern const int xns_CLONE_NEWUTS;
extern const int xns_CLONE_NEWIPC;
extern const int xns_CLONE_NEWNET;
extern const int xns_CLONE_NEWPID;
extern const int xns_CLONE_NEWUSER;
extern const int xns_CLONE_NEWCGROUP;
extern const int xns_CLONE_NEWTIME;

// ioctl(NS_GET_NSTYPE) on a namespace file: its CLONE_NEW* type (Linux >= 4.11).
int xns_ns_get_nstype(int fd);
// ioctl(NS_GET_PARENT) on a user namespace: an fd of its parent; ioctl(NS_GET_USERNS)
// on any namespace: an fd of the user namespace that owns it (Linux >= 4.9).
int xns_ns_get_parent(int fd);
int xns_ns_get_userns(int fd);
// statfs(2) f_type == CGROUP2_SUPER_MAGIC: 1, 0, or -1 with errno.
int xns_is_cgroup2(const char *path);
// ioctl(SIOCGSKNS) on a socket: an O_CLOEXEC fd of the socket's network
// namespace (Linux >= 4.9), a handle on it that needs no /proc.
int xns_socket_netns(int sock);

// ---- network interfaces -------------------------------------------------
extern const int xns_IFNAMSIZ;
extern const int xns_ETH_MIN_MTU;
extern const int xns_ETH_MAX_MTU;
// The smallest MTU IPv6 works on (RFC 8200).
extern const int xns_IPV6_MIN_MTU;

// ---- root switching and mounts ------------------------------------------
int xns_pivot_root(const char *new_root, const char *put_old);

extern const unsigned long xns_MS_RDONLY;
extern const unsigned long xns_MS_NOSUID;
extern const unsigned long xns_MS_NODEV;
extern const unsigned long xns_MS_NOEXEC;
extern const unsigned long xns_MS_BIND;
extern const unsigned long xns_MS_MOVE;
extern const unsigned long xns_MS_REC;
extern const unsigned long xns_MS_PRIVATE;
extern const unsigned long xns_MS_SLAVE;
extern const unsigned long xns_MS_SHARED;
extern const unsigned long xns_MS_REMOUNT;
extern const int xns_MNT_DETACH;

// The new mount API (Linux >= 5.2; mount_setattr >= 5.12).
int xns_open_tree(int dfd, const char *path, unsigned int flags);
int xns_move_mount(int from_dfd, const char *from_path, int to_dfd, const char *to_path,
                   unsigned int flags);
int xns_fsopen(const char *fsname, unsigned int flags);
int xns_fsconfig(int fd, unsigned int cmd, const char *key, const void *value, int aux);
int xns_fsmount(int fd, unsigned int flags, unsigned int attr_flags);
int xns_mount_setattr(int dfd, const char *path, unsigned int flags, uint64_t attr_set,
                      uint64_t attr_clr, uint64_t propagation, uint64_t userns_fd);

extern const unsigned long xns_MS_NOATIME;
extern const unsigned long xns_MS_NODIRATIME;
extern const unsigned long xns_MS_RELATIME;
extern const unsigned long xns_MS_STRICTATIME;
extern const unsigned long xns_MS_NOSYMFOLLOW;
extern const int xns_MNT_FORCE;
extern const int xns_UMOUNT_NOFOLLOW;

extern const unsigned int xns_OPEN_TREE_CLONE;
extern const unsigned int xns_OPEN_TREE_CLOEXEC;
extern const unsigned int xns_MOVE_MOUNT_F_EMPTY_PATH;
extern const unsigned int xns_MOVE_MOUNT_T_EMPTY_PATH;
extern const unsigned int xns_FSOPEN_CLOEXEC;
extern const unsigned int xns_FSMOUNT_CLOEXEC;
extern const unsigned int xns_FSCONFIG_SET_FLAG;
extern const unsigned int xns_FSCONFIG_SET_STRING;
extern const unsigned int xns_FSCONFIG_CMD_CREATE;
extern const unsigned int xns_AT_RECURSIVE;
extern const uint64_t xns_MOUNT_ATTR_RDONLY;
extern const uint64_t xns_MOUNT_ATTR_NOSUID;
extern const uint64_t xns_MOUNT_ATTR_NODEV;
extern const uint64_t xns_MOUNT_ATTR_NOEXEC;
extern const uint64_t xns_MOUNT_ATTR__ATIME;
extern const uint64_t xns_MOUNT_ATTR_RELATIME;
extern const uint64_t xns_MOUNT_ATTR_NOATIME;
extern const uint64_t xns_MOUNT_ATTR_STRICTATIME;
extern const uint64_t xns_MOUNT_ATTR_NODIRATIME;
extern const uint64_t xns_MOUNT_ATTR_IDMAP;
extern const uint64_t xns_MOUNT_ATTR_NOSYMFOLLOW;

// statvfs(2) f_flag reduced to the mount flags mount(2) takes (MS_*), for
// the mount(2) fallback, which must repeat the flags it may not clear.
int xns_statvfs_mount_flags(const char *path, unsigned long *flags);

// ---- device nodes ---------------------------------------------------------
int xns_mknodat_char(int dfd, const char *path, mode_t mode, unsigned int major,
                     unsigned int minor);

// ---- files --------------------------------------------------------------
// openat2(2) with `resolve` flags (Linux >= 5.6); RESOLVE_IN_ROOT makes a
// path resolve as if dfd were the root, so symlinks cannot leave it.
int xns_openat2(int dfd, const char *path, uint64_t flags, uint64_t mode, uint64_t resolve);
extern const uint64_t xns_RESOLVE_IN_ROOT;
extern const uint64_t xns_RESOLVE_NO_MAGICLINKS;

// statx(2) reduced to what the tools ask: is the path the root of a mount,
// and on which device. Returns 0 or -1 with errno. `is_mount_root` is -1 when
// the kernel cannot tell (STATX_ATTR_MOUNT_ROOT unsupported, Linux < 5.8).
int xns_statx_mount(int dfd, const char *path, int flags, int *is_mount_root,
                    uint64_t *dev, uint64_t *ino, uint32_t *mode);
extern const int xns_O_PATH;
extern const int xns_AT_EMPTY_PATH;
extern const int xns_AT_SYMLINK_NOFOLLOW;
extern const int xns_AT_REMOVEDIR;

int xns_close_range(unsigned int first, unsigned int last, unsigned int flags);

// ---- file-system types ------------------------------------------------------
// statfs(2) reduced to f_type (the Glibc module does not export statfs).
int xns_statfs_type(const char *path, int64_t *type);
extern const int64_t xns_RAMFS_MAGIC;
extern const int64_t xns_TMPFS_MAGIC;
// selinuxfs: mounted on /sys/fs/selinux when SELinux is enabled.
extern const int64_t xns_SELINUX_MAGIC;

// ---- errors ---------------------------------------------------------------
// The symbolic name of an errno value ("ENOENT"), for strace-like traces.
const char *xns_errno_name(int err);

// ---- process attributes ---------------------------------------------------
int xns_set_no_new_privs(void);
int xns_set_keepcaps(int on);
int xns_set_pdeathsig(int sig);
// RLIMIT_CORE to 0: a tool re-raising its child's fatal signal must not dump
// a core of its own.
int xns_disable_core_dumps(void);

// ---- terminals --------------------------------------------------------------
// A new pseudo-terminal master (posix_openpt O_RDWR|O_NOCTTY|O_CLOEXEC,
// granted and unlocked); its slave's path in `name`. -1 with errno.
int xns_open_pseudo_terminal(char *name, size_t size);
// ioctl(TIOCGPTPEER) on a master (Linux 4.13): its slave, opened O_RDWR|
// O_NOCTTY|O_CLOEXEC through the master's own devpts, not by a path.
int xns_open_pty_peer(int master);
// ioctl(TIOCSCTTY): `fd`, a terminal, becomes the controlling terminal of the
// caller, a session leader without one.
int xns_set_controlling_terminal(int fd);
// ioctl(TIOCGWINSZ) on `from`, then ioctl(TIOCSWINSZ) on `to`: the window
// size of one terminal given to another (the kernel signals SIGWINCH).
int xns_copy_window_size(int from, int to);

// ---- processes and signals --------------------------------------------------
int xns_pipe2(int fds[2], int flags);
// signalfd(2) for `mask` (a new fd when fd is -1).
int xns_signalfd(int fd, const sigset_t *mask, int flags);
// Reads one signalfd_siginfo; returns the signal number (and its si_code in
// *code), 0 at EOF, -1 with errno.
int xns_signalfd_read(int fd, int *code);
// si_code of a signal the kernel sent (a terminal's ^C, ^\, hang-up).
extern const int xns_SI_KERNEL;
extern const int xns_SFD_CLOEXEC;
// The abbreviation of a signal ("TERM"), or NULL for an unknown number.
const char *xns_signal_abbrev(int sig);
extern const int xns_NSIG;

// ---- names of the system --------------------------------------------------
int xns_sethostname(const char *name, size_t length);
int xns_setdomainname(const char *name, size_t length);

#endif
