import Glibc
import XCore

/// The hints network steps share.
enum NetworkHints {
    /// What EPERM or EACCES from a namespace or netlink step nearly always means.
    static let privilege = "rootless networking needs root for the host end; inside a user namespace only --loopback-only works"

    /// The privilege hint for a permission error, else `otherwise`. Root of
    /// the machine was refused by something else: not "needs root".
    static func forError(_ err: Int32, otherwise: String? = nil) -> String? {
        guard err == EPERM || err == EACCES else { return otherwise }
        return Privilege.hasOnTheHost(Privilege.netAdmin) && Privilege.hasEffective(Privilege.sysAdmin)
            ? Privilege.refusedDespite("CAP_NET_ADMIN and CAP_SYS_ADMIN") : privilege
    }
}
