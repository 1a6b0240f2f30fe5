import Glibc

/// The hints network steps share.
enum NetworkHints {
    /// What EPERM or EACCES from a namespace or netlink step nearly always means.
    static let privilege = "rootless networking needs root for the host end; inside a user namespace only --loopback-only works"

    /// The privilege hint for a permission error, else `otherwise`.
    static func forError(_ err: Int32, otherwise: String? = nil) -> String? {
        err == EPERM || err == EACCES ? privilege : otherwise
    }
}
