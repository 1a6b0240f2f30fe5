import Glibc
import XCore

/// Carries out a `VethPlan`. Names are checked before anything is made; once
/// the pair exists, any failure deletes it again (with its addresses and
/// routes) before the error is reported, so a failed run leaves nothing.
public enum VethWiring {
    /// `host` and `peer` are the opened namespaces of the plan's two ends.
    /// Returns what was made, for the caller to take back if COMMAND cannot run.
    @discardableResult
    public static func wire(_ plan: VethPlan, host: NetworkNamespace, peer: NetworkNamespace) throws(XError) -> WiredPair {
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
        do {
            try host.socket.createVeth(hostName: plan.host.name, peerName: peerName, peerNamespace: try peer.fd(),
                                       peerLabel: peer.source.traceLabel ?? "here", mtu: plan.mtu, mac: plan.mac)
        } catch {
            // The request went out but its answer was lost: the kernel may
            // have made the pair. Its peer name was free a moment ago.
            if host.socket.lastAnswerLost, (try? peer.socket.link(named: peerName))??.kind == "veth" {
                _ = peer.socket.deleteLink(named: peerName)
            }
            throw error
        }
        var hostName = plan.host.name
        var loopbackRaised = false
        do throws(XError) {
            let peerLink = try peer.existingLink(named: peerName)
            let hostLink: LinkInfo
            if let hostName {
                hostLink = try host.existingLink(named: hostName)
            } else {
                hostLink = try host.existingLink(index: peerLink.linkIndex)
                hostName = hostLink.name
            }
            for step in steps[(created + 1)...] {
                switch step {
                case .addAddress(let side, let address):
                    try (side == .host ? host : peer).socket.addAddress(address, to: side == .host ? hostLink : peerLink)
                case .bringUp(let side):
                    try (side == .host ? host : peer).socket.bringUp(side == .host ? hostLink : peerLink)
                case .bringUpLoopback:
                    loopbackRaised = try Loopback.bringUp(in: peer)
                case .addDefaultRoute(let gateway):
                    try peer.socket.addDefaultRoute(via: gateway, on: peerLink)
                case .waitUntilRunning:
                    try waitUntilRunning(host: host, hostLink, peer: peer, peerLink)
                case .checkNameFree, .createPair:
                    break
                }
            }
        } catch {
            WiredPair(host: host, peer: peer, hostName: hostName, peerName: peerName, loopbackRaised: loopbackRaised).remove()
            throw error
        }
        return WiredPair(host: host, peer: peer, hostName: hostName, peerName: peerName, loopbackRaised: loopbackRaised)
    }

    /// How long the ends may take to run once both are up.
    static let runningTimeout = 30.0

    /// Polls both ends (every millisecond at first, then every 20 ms) until
    /// both are running: a COMMAND that sends at once is not dropped. One
    /// trace line for all the requests.
    static func waitUntilRunning(host: NetworkNamespace, _ hostLink: LinkInfo,
                                 peer: NetworkNamespace, _ peerLink: LinkInfo) throws(XError) {
        let label = { (namespace: NetworkNamespace) in namespace.source.traceLabel.map { " (\($0))" } ?? "" }
        let call = "RTM_GETLINK \(hostLink.name)\(label(host)), \(peerLink.name)\(label(peer)) until both run"
        if Trace.isDryRun {
            Trace.line("\(call) (dry run: not made)")
            return
        }
        let start = monotonicSeconds()
        var requests = 0
        while true {
            requests += 1
            if try host.socket.isRunning(hostLink), try peer.socket.isRunning(peerLink) { break }
            if monotonicSeconds() - start > runningTimeout {
                if Trace.isTracing { Trace.line("\(call): \(requests) requests = -1 ETIMEDOUT") }
                throw XError("the veth pair \(quoted(hostLink.name))/\(quoted(peerLink.name)) is not running \(Int(runningTimeout)) s after it was brought up",
                             hint: "the kernel starts a link a moment after its carrier comes on; it did not, on a machine this busy")
            }
            usleep(UInt32(min(20_000, 1_000 * requests)))
        }
        if Trace.isTracing { Trace.line("\(call): \(requests) request\(requests == 1 ? "" : "s") = 0") }
    }

    static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}

/// A pair `VethWiring` made, and the peer's loopback if it brought it up.
public struct WiredPair {
    let host: NetworkNamespace
    let peer: NetworkNamespace
    let hostName: String?
    let peerName: String
    let loopbackRaised: Bool

    /// Deletes the pair (either end takes the other with it, addresses and
    /// routes too) and puts the loopback down again. Best effort: the first
    /// error is what the user needs to see.
    public func remove() {
        if let hostName {
            _ = host.socket.deleteLink(named: hostName)
        } else {
            _ = peer.socket.deleteLink(named: peerName)
        }
        if loopbackRaised { Loopback.bringDown(in: peer) }
    }
}
