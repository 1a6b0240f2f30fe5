import Glibc

/// chroot(2) the coreutils way: enter NEWROOT first, so the working directory
/// cannot stay outside the new root, then chroot(".") and chdir("/").
public enum ChangeRoot {
    public static func chroot(to newRoot: String, skipChdir: Bool) throws(XError) {
        if !skipChdir {
            // Failing to enter NEWROOT is failing to change root to it.
            do {
                try changeDirectory(newRoot)
            } catch {
                throw error.failing(.chroot(newRoot))
            }
        }
        try systemCall("chroot", traceString(skipChdir ? newRoot : ".")) { Glibc.chroot(skipChdir ? newRoot : ".") }
            .orThrow("cannot change root to", newRoot, hint: rootHint, operation: .chroot(newRoot))
        if !skipChdir {
            try changeDirectory("/")
        }
    }

    static var rootHint: String? {
        geteuid() == 0 ? nil : "changing root needs CAP_SYS_CHROOT: run as root, or first xunshare --user --map-root-user --mount"
    }
}

extension ChangeRoot {
    /// chroot to a directory opened earlier (a target's /proc/PID/root, or a
    /// DIR opened before namespaces were entered): fchdir to it, chroot("."),
    /// chdir("/"). `name` says which directory, for messages.
    public static func chroot(toDirectory fd: Int32, named name: String) throws(XError) {
        try systemCall("fchdir", String(fd)) { fchdir(fd) }.orThrow("cannot change directory to", name)
        try systemCall("chroot", "\".\"") { Glibc.chroot(".") }.orThrow("cannot change root to", name, hint: rootHint, operation: .chroot(name))
        try changeDirectory("/")
    }
}
