import CLinux
import Glibc

/// unshare(2): the calling process leaves its namespaces of the given kinds
/// for new ones (pid and time: its future children do). One call for all
/// kinds, so that the new user namespace, created first by the kernel, owns
/// the others.
public enum Unshare {
    public static func unshare(_ kinds: Set<NamespaceKind>) throws(XError) {
        let flags = NamespaceKind.flags(kinds)
        let result = systemCall("unshare", NamespaceKind.traceFlags(flags)) { xns_unshare(flags) }
        if result.failed {
            let names = NamespaceKind.allCases.filter(kinds.contains).map(\.rawValue)
            throw XError.step("cannot create new \(names.joined(separator: ", ")) namespace\(names.count > 1 ? "s" : "")",
                              errno: result.errno, hint: hint(for: result.errno, kinds: kinds)).failing(.unshare)
        }
    }

    /// The likely cause of a refused unshare, and the fix.
    static func hint(for err: Int32, kinds: Set<NamespaceKind>,
                     hasSysAdmin: Bool = Privilege.hasEffective(Privilege.sysAdmin)) -> String? {
        let withUser = kinds.contains(.user)
        switch err {
        case EPERM where withUser && geteuid() != 0:
            return "this system refuses unprivileged user namespaces: allow them with sysctl kernel.unprivileged_userns_clone=1 (Debian) or kernel.apparmor_restrict_unprivileged_userns=0 (Ubuntu), or run as root"
        case EPERM where withUser:
            return "a user namespace cannot be created inside a chroot or by a process that shares its file system information; run it outside the chroot"
        case EPERM where hasSysAdmin:
            return Privilege.refusedDespite("CAP_SYS_ADMIN")
        case EPERM:
            return "run as root, or add --user --map-root-user"
        case ENOSPC:
            let limited = kinds.contains(.user) ? [NamespaceKind.user] : NamespaceKind.allCases.filter(kinds.contains)
            return "the limit on namespaces is reached: raise sysctl \(limited.map(\.limitSysctl).joined(separator: ", ")) (0 disables a kind)"
        case EUSERS:
            return "user namespaces nest at most 32 deep"
        case EINVAL where withUser:
            return "a user namespace needs a single-threaded process"
        case EINVAL where kinds.contains(.time) || kinds.contains(.cgroup):
            return "this kernel may lack the namespace kind (CONFIG_TIME_NS, CONFIG_CGROUPS)"
        case ENOMEM:
            return kinds.contains(.pid) ? "pid namespaces nest at most 32 deep" : nil
        default:
            return nil
        }
    }
}
