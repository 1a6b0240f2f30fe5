import CLinux
import Glibc

/// A fresh proc(5) mount. proc shows the pid namespace of the process that
/// mounts it, so in a new pid namespace it is mounted by a process inside it.
public enum ProcFileSystem {
    /// Makes the mount at `directory` private (so the new proc does not
    /// propagate back to the host's /proc), then mounts proc there with
    /// nosuid, nodev and noexec.
    public static func mount(at directory: String) throws(XError) {
        let privateResult = MountPropagation.set(xns_MS_REC | xns_MS_PRIVATE, on: directory)
        // EINVAL: the directory is not a mount point, so nothing propagates from it.
        if privateResult.failed && privateResult.errno != EINVAL {
            throw XError("cannot make the mount at \(quoted(directory)) private", errno: privateResult.errno).failing(.mountProc(directory))
        }
        let flags = xns_MS_NOSUID | xns_MS_NODEV | xns_MS_NOEXEC
        let result = systemCall("mount", "\"proc\", \(traceString(directory)), \"proc\", \(mountFlagNames(flags)), NULL") {
            Glibc.mount("proc", directory, "proc", flags, nil)
        }
        try result.orThrow("cannot mount proc on", directory, hint: hint(result.errno), operation: .mountProc(directory))
    }

    /// Only a refusal is about privilege: ENOENT or ENOTDIR is about DIR.
    static func hint(_ errno: Int32) -> String? {
        guard errno == EPERM else { return nil }
        if Privilege.hasOnTheHost(Privilege.sysAdmin) { return Privilege.refusedDespite("CAP_SYS_ADMIN", orElse: Privilege.lockedMount) }
        return "mounting proc needs CAP_SYS_ADMIN over the current pid namespace: with --user, add --pid --fork so that COMMAND has a pid namespace of its own"
    }
}
