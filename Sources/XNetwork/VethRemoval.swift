import Glibc
import XCore

/// `--delete=NAME`: removes a veth pair by either end. Anything but a veth
/// is refused, so a slip of the finger cannot take the machine's uplink down.
public enum VethRemoval {
    public static func delete(_ name: String, in namespace: NetworkNamespace) throws(XError) {
        // In a dry run another namespace is not entered: nothing to check there.
        let checked = namespace.socket.isConnected
        let link = try namespace.socket.link(named: name)
        if checked && link == nil {
            throw XError.step("cannot delete interface \(quoted(name)) in \(namespace.source.label)", errno: ENODEV)
        }
        if let link, link.kind != "veth" {
            throw XError("refusing to delete interface \(quoted(name)): it is \(link.kind.map { "a \($0), " } ?? "")not a veth")
        }
        let result = namespace.socket.deleteLink(named: name)
        if result.failed {
            throw XError.step("cannot delete interface \(quoted(name)) in \(namespace.source.label)", errno: result.errno,
                              hint: NetworkHints.forError(result.errno))
        }
    }
}
