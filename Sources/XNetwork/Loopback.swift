import XCore

/// `lo` up in the current network namespace: what bwrap and systemd-nspawn
/// do for a new network namespace. Needs CAP_NET_ADMIN only over this
/// namespace, so it works rootless inside a user namespace.
public enum Loopback {
    public static func bringUp(in namespace: NetworkNamespace) throws(XError) {
        try namespace.socket.bringUp(try namespace.existingLink(named: "lo"))
    }
}
