import Foundation

extension Package {
    /// The link that runs the multicall binary under a classic name
    /// (unshare, nsenter, chroot, switch_root, pivot_root).
    static func classic(_ name: String) -> String { binaries + "/compat/" + name }

    /// The real tool of a classic name, as Debian installs it.
    static func realTool(_ name: String) -> String {
        switch name {
        case "unshare", "nsenter": return "/usr/bin/" + name
        default: return "/usr/sbin/" + name
        }
    }
}
