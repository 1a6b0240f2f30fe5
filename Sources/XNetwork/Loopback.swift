import XCore

/// `lo` up in the current network namespace: what bwrap and systemd-nspawn
/// do for a new network namespace. Needs CAP_NET_ADMIN only over this
/// namespace, so it works rootless inside a user namespace.
public enum Loopback {
    /// Returns whether lo was down before.
    @discardableResult
    public static func bringUp(in namespace: NetworkNamespace) throws(XError) -> Bool {
        let loopback = try namespace.existingLink(named: "lo")
        try namespace.socket.bringUp(loopback)
        return !loopback.isUp
    }

    /// Takes back a `bringUp` that found lo down (COMMAND could not run).
    public static func bringDown(in namespace: NetworkNamespace) {
        if let loopback = try? namespace.socket.link(named: "lo") { _ = namespace.socket.bringDown(loopback) }
    }
}
