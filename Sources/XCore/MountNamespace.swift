import Glibc

/// Facts about the mount namespace the tool runs in.
public enum MountNamespace {
    /// Whether this is the host's initial mount namespace — where pivot_root
    /// or switch_root would move the root of every process on the machine.
    ///
    /// Kernel threads live in the initial namespaces, so the mount namespace
    /// of kthreadd (PID 2 of the initial pid namespace) is the initial one.
    /// nil when this cannot be told (no /proc). A /proc whose PID 2 is not
    /// kthreadd belongs to a child pid namespace, which someone mounted after
    /// unsharing the mount namespace: not the initial one. EACCES on kthreadd's
    /// link means the caller is unprivileged in the initial user namespace,
    /// where pivot_root is refused anyway: not a danger either.
    public static func isInitial() -> Bool? {
        guard let stat = readSmallFile("/proc/2/stat") else {
            return access("/proc/self", F_OK) == 0 ? false : nil
        }
        guard stat.hasPrefix("2 (kthreadd) "), stat.split(separator: " ").dropFirst(3).first == "0" else {
            return false
        }
        guard case .success(let kernel) = FileStatus.of("/proc/2/ns/mnt"),
              case .success(let ours) = FileStatus.of("/proc/self/ns/mnt") else { return false }
        return kernel.device == ours.device && kernel.inode == ours.inode
    }

    /// Refuses, unless `force`, to `action` ("pivot the root", "mount") in
    /// the host's initial mount namespace — and when that cannot be told.
    ///
    /// In a dry run the refusal is only shown and the explanation goes on: a
    /// dry-run xunshare before this link made no namespace, so the check
    /// cannot tell what a real chain would meet here.
    public static func refuseInitial(_ action: String, force: Bool, hint: String) throws(XError) {
        guard !force else { return }
        let refusal: XError
        switch isInitial() {
        case false?:
            return
        case true?:
            refusal = XError("refusing to \(action) in the host's initial mount namespace", hint: hint)
        case nil:
            refusal = XError("refusing to \(action): cannot tell whether this is the host's mount namespace (/proc is not mounted)",
                             hint: "mount /proc, or add --force if this is a private mount namespace")
        }
        if Trace.isDryRun {
            Trace.line("a real run here would stop: \(refusal.message), unless an earlier link made a new mount namespace (dry run: going on)")
            return
        }
        throw refusal
    }

    static func readSmallFile(_ path: String) -> String? {
        let (fd, _) = FileDescriptor.open(path, O_RDONLY)
        return fd?.readAll(limit: 4096).map { String(decoding: $0, as: UTF8.self) }
    }
}
