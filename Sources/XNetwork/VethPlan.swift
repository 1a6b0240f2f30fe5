import XCore

/// What `xveth` will do, worked out and checked from the command line before
/// anything is touched: every name, address, MTU and MAC is validated here,
/// so bad input fails before a namespace is opened or a link created.
public struct VethPlan: Equatable {
    public enum Side: Equatable {
        case host, peer
    }

    /// One end of the pair: its name, the namespace it lives in, its addresses.
    public struct End: Equatable {
        /// nil: the kernel picks `vethN` (the host end only).
        public var name: String?
        public var namespace: NamespaceSource
        public var addresses: [InterfaceAddress]
    }

    public enum Step: Equatable {
        /// Look the end's name up in its namespace: it must be free.
        case checkNameFree(Side)
        /// One RTM_NEWLINK: both ends, the peer created in its namespace.
        case createPair
        case addAddress(Side, InterfaceAddress)
        case bringUp(Side)
        /// `lo` of the peer's namespace.
        case bringUpLoopback
        case addDefaultRoute(IPAddress)
        /// Both ends running (operationally up, their queueing discipline
        /// attached), which the kernel makes them a moment after they are up.
        case waitUntilRunning
    }

    public var host: End
    public var peer: End
    public var mtu: Int?
    public var mac: MACAddress?
    public var gateways: [IPAddress]

    /// The default name of the end inside the namespace.
    public static let defaultPeerName = "eth0"

    public init(host hostName: String?, peer peerName: String?,
                hostNamespace: NamespaceSource, peerNamespace: NamespaceSource,
                hostAddresses: [String] = [], peerAddresses: [String] = [],
                gateways gatewayTexts: [String] = [], mtu: Int? = nil, mac: String? = nil) throws(XError) {
        if hostNamespace == .current && peerNamespace == .current {
            throw XError.usage("no network namespace for the peer end",
                               hint: "name it with --netns=FILE, --pid=PID or --netns-fd=N, or run inside it with --host-netns-fd=N")
        }
        host = End(name: try hostName.map { (name) throws(XError) in try InterfaceName.validate(name, option: "--host") },
                   namespace: hostNamespace,
                   addresses: try Self.addresses(hostAddresses, option: "--host-addr"))
        peer = End(name: try InterfaceName.validate(peerName ?? Self.defaultPeerName, option: "--peer"),
                   namespace: peerNamespace,
                   addresses: try Self.addresses(peerAddresses, option: "--peer-addr"))
        for address in host.addresses where peer.addresses.contains(address) {
            throw XError.usage("address \(address) is given to both ends", hint: "each end needs its own address in the same prefix, such as 10.0.0.1/24 and 10.0.0.2/24")
        }
        gateways = try Self.gateways(gatewayTexts, peerAddresses: peer.addresses)
        let usesIPv6 = (host.addresses + peer.addresses).contains { $0.address.isIPv6 } || gateways.contains { $0.isIPv6 }
        self.mtu = try mtu.map { (value) throws(XError) in try MTU.validate(value, option: "--mtu", ipv6: usesIPv6) }
        self.mac = try mac.map { (text) throws(XError) in try MACAddress.parse(text, option: "--mac") }
    }

    static func addresses(_ texts: [String], option: String) throws(XError) -> [InterfaceAddress] {
        var addresses: [InterfaceAddress] = []
        for text in texts {
            let address = try InterfaceAddress.parse(text, option: option)
            if addresses.contains(where: { $0.address == address.address }) {
                throw XError.usage("address \(address.address) is given twice in \(option)")
            }
            addresses.append(address)
        }
        return addresses
    }

    /// At most one gateway per family, each of a family the peer end has an
    /// address of (an IPv6 link-local gateway needs none).
    static func gateways(_ texts: [String], peerAddresses: [InterfaceAddress]) throws(XError) -> [IPAddress] {
        var gateways: [IPAddress] = []
        for text in texts {
            let gateway = try IPAddress.parseGateway(text, option: "--peer-gateway")
            if gateways.contains(where: { $0.family == gateway.family }) {
                throw XError.usage("two \(gateway.familyName) gateways in --peer-gateway: a default route has one")
            }
            if !gateway.isLinkLocal && !peerAddresses.contains(where: { $0.address.family == gateway.family }) {
                throw XError.usage("--peer-gateway=\(gateway) needs an \(gateway.familyName) --peer-addr to reach it",
                                   hint: "add one in the gateway's prefix, such as --peer-addr=\(gateway.isIPv6 ? "fd00::2/64" : "10.0.0.2/24")")
            }
            gateways.append(gateway)
        }
        return gateways
    }

    /// The steps, in the order that works: names checked before anything is
    /// made; the host end configured and up before the peer, so the peer's
    /// link has a carrier when its default route is added; the target's
    /// loopback after the pair (a failed run puts it down again); both ends
    /// running before COMMAND may send through them.
    public var steps: [Step] {
        var steps: [Step] = []
        if host.name != nil { steps.append(.checkNameFree(.host)) }
        steps.append(.checkNameFree(.peer))
        steps.append(.createPair)
        steps += host.addresses.map { .addAddress(.host, $0) }
        steps.append(.bringUp(.host))
        steps += peer.addresses.map { .addAddress(.peer, $0) }
        steps.append(.bringUp(.peer))
        steps += gateways.map { .addDefaultRoute($0) }
        steps.append(.bringUpLoopback)
        // Last: it polls as often as the kernel needs, and COMMAND starts
        // right after it.
        steps.append(.waitUntilRunning)
        return steps
    }

    public func end(_ side: Side) -> End {
        side == .host ? host : peer
    }
}
