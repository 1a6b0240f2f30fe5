import CLinux
import Glibc

/// What the process may do, for hints: an EPERM means one thing without a
/// capability (get it: run as root, or in a user namespace of your own) and
/// another with it (something else refused), and a hint must not tell root
/// to run as root.
public enum Privilege {
    /// CAP_SYS_ADMIN, the capability of mount, unshare, setns and sethostname.
    public static let sysAdmin: UInt32 = 21
    /// CAP_NET_ADMIN, the capability of netlink changes.
    public static let netAdmin: UInt32 = 12

    /// Whether `capability` is in the effective set (capget(2); needs no /proc).
    public static func hasEffective(_ capability: UInt32) -> Bool {
        var effective: UInt64 = 0, permitted: UInt64 = 0, inheritable: UInt64 = 0
        guard xns_capability_sets(&effective, &permitted, &inheritable) == 0, capability < 64 else { return false }
        return effective & (1 << UInt64(capability)) != 0
    }

    /// The hint for an EPERM that came although the process holds
    /// `capability`; `orElse` names one more cause that fits the call.
    public static func refusedDespite(_ capability: String, orElse cause: String? = nil) -> String {
        "this process has \(capability), so something else refused it: a seccomp filter or a security module (AppArmor, SELinux)"
            + (cause.map { ", or \($0)" } ?? "")
    }

    /// Whether this process is in a user namespace other than the initial
    /// one (its uid_map is not the identity of all ids); false without /proc.
    /// Read each time, not cached: an earlier link run in this same process
    /// (ExecElision) may have entered another user namespace since.
    public static var inUserNamespace: Bool {
        let (fd, _) = FileDescriptor.open("/proc/self/uid_map", O_RDONLY)
        guard let text = fd?.readAll(limit: 4096).map({ String(decoding: $0, as: UTF8.self) }) else { return false }
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\n" })
        return fields != ["0", "0", "4294967295"]
    }

    /// Root of the machine: `capability` held in the initial user namespace.
    public static func hasOnTheHost(_ capability: UInt32) -> Bool {
        !inUserNamespace && hasEffective(capability)
    }

    /// For a mount call.
    public static let lockedMount = "a mount locked by a less privileged user namespace"
}
