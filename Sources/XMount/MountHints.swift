import Glibc
import XCore

/// Turns a failed mount call into the one line a person needs — option, what
/// was tried, where, strerror — and a hint that says why the kernel refused,
/// reading the mount table (through libmount) where that tells.
enum MountHints {
    static func failure(_ step: MountStep, _ action: String, _ path: String, _ failure: MountFailure,
                        type: String? = nil, idmap: Bool = false, blockDevice: Bool = false) -> XError {
        if let message = failure.kernelMessage, let name = unknownParameter(message) {
            return XError("\(step.option): unknown option \(quoted(name)) for \(type ?? "the file system") on \(quoted(path))",
                          errno: failure.errno, hint: "the kernel says: \(message)")
        }
        return XError.step("\(step.option): \(action)", path, errno: failure.errno,
                           hint: hint(failure, type: type, idmap: idmap, blockDevice: blockDevice))
    }

    static func hint(_ failure: MountFailure, type: String?, idmap: Bool, blockDevice: Bool = false) -> String? {
        if let message = failure.kernelMessage { return "the kernel says: \(message)" }
        switch failure.errno {
        case EPERM where idmap:
            return inUserNamespace
                ? "an idmapped mount needs CAP_SYS_ADMIN in the user namespace that owns the file system: make it as root, outside the user namespace, with idmap=/proc/PID/ns/user"
                : "the initial user namespace cannot idmap: name the container's with idmap=/proc/PID/ns/user"
        case EINVAL where idmap, EOPNOTSUPP where idmap:
            return "the file system does not support idmapped mounts, or the mapping is the identity (run from inside a user namespace with --map-root-user or a subordinate range)"
        case EPERM:
            if let type, let revealing = tooRevealing(type) {
                return "the kernel refuses a new \(type) as too revealing: \(revealing) has mounts over parts of it (as inside a container), which a new instance would uncover"
            }
            switch type {
            case "proc"?: if inUserNamespace { return "in a user namespace proc needs a pid namespace of its own: xunshare --user --map-root-user --mount --pid --fork" }
            case "sysfs"?: if inUserNamespace { return "in a user namespace sysfs needs a network namespace of its own: add --net to xunshare" }
            case "mqueue"?: if inUserNamespace { return "in a user namespace mqueue needs an IPC namespace of its own: add --ipc to xunshare" }
            case "cgroup2"?: if inUserNamespace { return "in a user namespace cgroup2 needs a cgroup namespace of its own: add --cgroup to xunshare" }
            default: break
            }
            if inUserNamespace {
                return "the kernel refuses this in a user namespace: a flag the mount got from a more privileged namespace (ro, nosuid, nodev) is locked, or the file system cannot be mounted without real root"
            }
            if Privilege.hasEffective(Privilege.sysAdmin) { return Privilege.refusedDespite("CAP_SYS_ADMIN", orElse: Privilege.lockedMount) }
            return "mounting needs CAP_SYS_ADMIN: run as root, or inside xunshare --user --map-root-user --mount"
        case ENODEV:
            return "this kernel has no \(type ?? "such") file system (is its module loaded?)"
        case ENOSYS where idmap:
            return "idmapped mounts need the new mount API (Linux 5.12)"
        case ENOTDIR:
            return "a directory can only be mounted on a directory, a file on a file"
        case EBUSY where blockDevice:
            // One file system per disk: a second mount shares the first's superblock.
            return "the device is in use: mounted already, read-only where this asks read-write or the other way round (mount it the same way), or held by another user of the disk (RAID, LVM, a loop)"
        case EBUSY:
            return "something is already mounted there that cannot be stacked on"
        default:
            return nil
        }
    }

    /// "tmpfs: Unknown parameter 'bogus'" → "bogus".
    static func unknownParameter(_ message: String) -> String? {
        let parts = message.split(separator: "'", omittingEmptySubsequences: false)
        guard parts.count >= 3,
              let index = parts.firstIndex(where: { $0.hasSuffix("Unknown parameter ") }), index + 1 < parts.count else { return nil }
        return String(parts[index + 1])
    }

    /// Where proc or sysfs is mounted with other mounts over parts of it.
    static func tooRevealing(_ type: String) -> String? {
        guard inUserNamespace, type == "proc" || type == "sysfs", let table = MountTable.read() else { return nil }
        let path = type == "proc" ? "/proc" : "/sys"
        let covered = table.overmounts(ofType: type, at: path)
        // binfmt_misc on /proc/sys/fs/binfmt_misc and the like sit on empty
        // directories and do not count; only a few covered files do.
        let files = covered.filter { point in
            guard case .success(let status) = FileStatus.of(point) else { return false }
            return !status.isDirectory
        }
        return files.isEmpty ? nil : "\(path) (\(files.prefix(3).joined(separator: ", ")))"
    }

    /// Whether this process is in a user namespace other than the initial one.
    static var inUserNamespace: Bool { Privilege.inUserNamespace }
}
