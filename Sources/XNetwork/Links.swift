import CLibNL
import Glibc
import XCore

/// What the tool needs to know of a network interface.
public struct LinkInfo: Equatable {
    public var index: Int32
    public var name: String
    /// The rtnl_link_ops kind ("veth", "bridge"), nil for a physical device or lo.
    public var kind: String?
    /// IFLA_LINK: for a veth, the index of its peer (in the peer's namespace).
    public var linkIndex: Int32
    /// IFF_UP is set.
    public var isUp = false
}

/// Links: look up, create a veth pair, bring up, delete.
extension RouteSocket {
    /// RTM_GETLINK by name; nil when there is no such link (or in a dry run
    /// for a namespace that was not entered).
    public func link(named name: String) throws(XError) -> LinkInfo? {
        try lookUp("RTM_GETLINK \(name)", index: 0, name: name, subject: quoted(name))
    }

    /// RTM_GETLINK by index.
    public func link(index: Int32) throws(XError) -> LinkInfo? {
        try lookUp("RTM_GETLINK ifindex \(index)", index: index, name: nil, subject: "number \(index)")
    }

    private func lookUp(_ text: String, index: Int32, name: String?, subject: String) throws(XError) -> LinkInfo? {
        var found: LinkInfo?
        let result = request(text, changesState: false) { socket in
            var link: OpaquePointer?
            let code = rtnl_link_get_kernel(socket, index, name, &link)
            if let link {
                found = LinkInfo(index: rtnl_link_get_ifindex(link),
                                 name: rtnl_link_get_name(link).map { String(cString: $0) } ?? "",
                                 kind: rtnl_link_get_type(link).map { String(cString: $0) },
                                 linkIndex: rtnl_link_get_link(link),
                                 isUp: rtnl_link_get_flags(link) & UInt32(IFF_UP) != 0)
                rtnl_link_put(link)
            }
            return code
        }
        if result.failed && result.errno != ENODEV {
            throw XError.step("cannot look up interface \(subject) in \(namespace.label)", errno: result.errno,
                              hint: NetworkHints.forError(result.errno))
        }
        return found
    }

    /// One RTM_NEWLINK creating both ends: `hostName` here (nil: the kernel
    /// picks vethN), `peerName` in the namespace open at `peerNamespace`.
    func createVeth(hostName: String?, peerName: String, peerNamespace: Int32, peerLabel: String,
                    mtu: Int?, mac: MACAddress?) throws(XError) {
        guard let link = rtnl_link_veth_alloc() else { throw XError("cannot allocate a link", errno: ENOMEM) }
        defer { rtnl_link_put(link) }
        let peer = rtnl_link_veth_get_peer(link)
        defer { rtnl_link_put(peer) }
        if let hostName { rtnl_link_set_name(link, hostName) }
        rtnl_link_set_name(peer, peerName)
        rtnl_link_set_ns_fd(peer, peerNamespace)
        if let mtu {
            rtnl_link_set_mtu(link, UInt32(mtu))
            rtnl_link_set_mtu(peer, UInt32(mtu))
        }
        var macText = ""
        if let mac {
            let address = mac.bytes.withUnsafeBytes { nl_addr_build(AF_LLC, $0.baseAddress, $0.count) }
            defer { nl_addr_put(address) }
            rtnl_link_set_addr(peer, address)
            macText = " address \(mac)"
        }
        let names = "\(hostName ?? "(vethN)") type veth peer \(peerName)"
        let target = peerNamespace >= 0 ? "netns fd \(peerNamespace)" : peerLabel
        let text = "RTM_NEWLINK \(names) \(target)\(mtu.map { " mtu \($0)" } ?? "")\(macText)"
        let result = request(text) { socket in rtnl_link_add(socket, link, NLM_F_CREATE | NLM_F_EXCL) }
        if result.failed {
            throw XError.step("cannot create the veth pair \(quoted(hostName ?? "vethN"))/\(quoted(peerName))", errno: result.errno,
                              hint: NetworkHints.forError(result.errno, otherwise: result.errno == EOPNOTSUPP
                                  ? "the kernel has no veth driver: modprobe veth" : nil))
        }
    }

    /// RTM_NEWLINK with IFF_UP.
    func bringUp(_ info: LinkInfo) throws(XError) {
        let result = setFlagUp(info, true)
        if result.failed {
            throw XError.step("cannot bring up interface \(quoted(info.name)) in \(namespace.label)", errno: result.errno,
                              hint: NetworkHints.forError(result.errno))
        }
    }

    /// RTM_NEWLINK without IFF_UP, to take back a `bringUp`.
    func bringDown(_ info: LinkInfo) -> CallResult {
        setFlagUp(info, false)
    }

    private func setFlagUp(_ info: LinkInfo, _ up: Bool) -> CallResult {
        request("RTM_NEWLINK \(info.name) \(up ? "up" : "down")") { socket in
            guard let original = rtnl_link_alloc() else { return -NLE_NOMEM }
            defer { rtnl_link_put(original) }
            guard let change = rtnl_link_alloc() else { return -NLE_NOMEM }
            defer { rtnl_link_put(change) }
            rtnl_link_set_ifindex(original, info.index)
            if up { rtnl_link_set_flags(change, UInt32(IFF_UP)) } else { rtnl_link_unset_flags(change, UInt32(IFF_UP)) }
            return rtnl_link_change(socket, original, change, 0)
        }
    }

    /// Whether link `index` is running: operationally up (IF_OPER_UP) with
    /// a queueing discipline attached (no longer "noop"). The kernel does
    /// both a moment after the carrier comes on (linkwatch, which a loaded
    /// machine runs seconds later); until then every packet sent through the
    /// link is dropped. One RTM_GETLINK, polled, so not traced one by one;
    /// a link that is gone (its namespace freed) is an error.
    func isRunning(_ info: LinkInfo) throws(XError) -> Bool {
        guard socket != nil else { return true }
        var found: OpaquePointer?
        let value = untracedRequest { socket in rtnl_link_get_kernel(socket, info.index, nil, &found) }
        let err = errno
        guard value >= 0, let link = found else {
            throw XError.step("cannot look up interface \(quoted(info.name)) in \(namespace.label)",
                              errno: value < 0 ? err : ENODEV, hint: value < 0 ? NetworkHints.forError(err) : nil)
        }
        defer { rtnl_link_put(link) }
        let qdisc = rtnl_link_get_qdisc(link).map { String(cString: $0) }
        let operUp: UInt8 = 6  // IF_OPER_UP, linux/if.h
        return rtnl_link_get_operstate(link) == operUp && qdisc != nil && qdisc != "noop"
    }

    /// RTM_DELLINK by name: a veth goes with its peer.
    func deleteLink(named name: String) -> CallResult {
        request("RTM_DELLINK \(name)") { socket in
            guard let link = rtnl_link_alloc() else { return -NLE_NOMEM }
            defer { rtnl_link_put(link) }
            rtnl_link_set_name(link, name)
            return rtnl_link_delete(socket, link)
        }
    }
}

/// Links that must exist (the pair just made, `lo`).
extension NetworkNamespace {
    /// The link named `name`. In a dry run nothing was made, so a stand-in
    /// carries the name on.
    public func existingLink(named name: String) throws(XError) -> LinkInfo {
        if let link = try socket.link(named: name) { return link }
        if Trace.isDryRun { return LinkInfo(index: 0, name: name, kind: nil, linkIndex: 0) }
        throw XError.step("cannot find interface \(quoted(name)) in \(source.label)", errno: ENODEV)
    }

    /// The link numbered `index` (the host end the kernel named, found from its peer).
    public func existingLink(index: Int32) throws(XError) -> LinkInfo {
        if Trace.isDryRun { return LinkInfo(index: 0, name: "vethN", kind: nil, linkIndex: 0) }
        if let link = try socket.link(index: index) { return link }
        throw XError.step("cannot find the host end (interface number \(index)) in \(source.label)", errno: ENODEV)
    }
}
