import Glibc
import XCore

/// Carries out a `VethPlan`. Names are checked before anything is made; once
/// the pair exists, any failure deletes it again (with its addresses and
/// routes) before the error is reported, so a failed run leaves nothing.
public enum VethWiring {
    /// `host` and `peer` are the opened namespaces of the plan's two ends.
    public static func wire(_ plan: VethPlan, host: NetworkNamespace, peer: NetworkNamespace) throws(XError) {
        let steps = plan.steps
        let created = steps.firstIndex(of: .createPair)!
        for step in steps[..<created] {
            guard case .checkNameFree(let side) = step else { continue }
            let namespace = side == .host ? host : peer
            let name = plan.end(side).name!
            if try namespace.socket.link(named: name) != nil {
                throw XError("interface \(quoted(name)) already exists in \(namespace.source.label)",
                             hint: side == .host ? "choose another --host=NAME, or remove that pair with 'xveth --delete=\(name)'"
                                                 : "choose another --peer=NAME")
            }
        }

        let peerName = plan.peer.name!
        try host.socket.createVeth(hostName: plan.host.name, peerName: peerName, peerNamespace: try peer.fd(),
                                   peerLabel: peer.source.traceLabel ?? "here", mtu: plan.mtu, mac: plan.mac)
        var hostName = plan.host.name
        do throws(XError) {
            let peerLink = try resolve(peerName, in: peer)
            let hostLink: LinkInfo
            if let hostName {
                hostLink = try resolve(hostName, in: host)
            } else {
                hostLink = try resolve(index: peerLink.linkIndex, in: host)
                hostName = hostLink.name
            }
            for step in steps[(created + 1)...] {
                switch step {
                case .addAddress(let side, let address):
                    try (side == .host ? host : peer).socket.addAddress(address, to: side == .host ? hostLink : peerLink)
                case .bringUp(let side):
                    try (side == .host ? host : peer).socket.bringUp(side == .host ? hostLink : peerLink)
                case .bringUpLoopback:
                    try peer.socket.bringUp(try resolve("lo", in: peer))
                case .addDefaultRoute(let gateway):
                    try peer.socket.addDefaultRoute(via: gateway, on: peerLink)
                case .checkNameFree, .createPair:
                    break
                }
            }
        } catch {
            // Deleting either end deletes the pair.
            if let hostName {
                _ = host.socket.deleteLink(named: hostName)
            } else {
                _ = peer.socket.deleteLink(named: peerName)
            }
            throw error
        }
    }

    /// A link that must exist (it was just made). In a dry run nothing was
    /// made: a stand-in carries the name on.
    static func resolve(_ name: String, in namespace: NetworkNamespace) throws(XError) -> LinkInfo {
        if let link = try namespace.socket.link(named: name) { return link }
        if Trace.isDryRun { return LinkInfo(index: 0, name: name, kind: nil, linkIndex: 0) }
        throw XError.step("cannot find interface \(quoted(name)) in \(namespace.source.label)", errno: ENODEV)
    }

    static func resolve(index: Int32, in namespace: NetworkNamespace) throws(XError) -> LinkInfo {
        if !Trace.isDryRun, let link = try namespace.socket.link(index: index) { return link }
        if Trace.isDryRun { return LinkInfo(index: 0, name: "vethN", kind: nil, linkIndex: 0) }
        throw XError.step("cannot find the host end (interface number \(index)) in \(namespace.source.label)", errno: ENODEV)
    }
}
