import CLibNL
import Glibc
import XCore

/// Addresses and routes on a link.
extension RouteSocket {
    /// RTM_NEWADDR. IPv6 addresses skip duplicate address detection
    /// (IFA_F_NODAD): the link has exactly two ends, and a tentative address
    /// could not be used by COMMAND for its first second or so.
    func addAddress(_ address: InterfaceAddress, to link: LinkInfo) throws(XError) {
        let ip = address.address
        let nodad = ip.isIPv6
        let result = request("RTM_NEWADDR \(address) dev \(link.name)\(nodad ? " nodad" : "")") { socket in
            guard let request = rtnl_addr_alloc() else { return -NLE_NOMEM }
            defer { rtnl_addr_put(request) }
            guard let local = ip.bytes.withUnsafeBytes({ nl_addr_build(ip.family, $0.baseAddress, $0.count) }) else { return -NLE_NOMEM }
            defer { nl_addr_put(local) }
            nl_addr_set_prefixlen(local, Int32(address.prefixLength))
            rtnl_addr_set_ifindex(request, link.index)
            let code = rtnl_addr_set_local(request, local)
            if code < 0 { return code }
            if nodad { rtnl_addr_set_flags(request, UInt32(IFA_F_NODAD)) }
            return rtnl_addr_add(socket, request, NLM_F_EXCL)
        }
        if result.failed {
            throw XError.step("cannot add address \(address) to \(quoted(link.name)) in \(namespace.label)", errno: result.errno,
                              hint: NetworkHints.forError(result.errno))
        }
    }

    /// RTM_NEWROUTE: the default route of the gateway's family, through `link`.
    func addDefaultRoute(via gateway: IPAddress, on link: LinkInfo) throws(XError) {
        let result = request("RTM_NEWROUTE default via \(gateway) dev \(link.name)") { socket in
            guard let route = rtnl_route_alloc() else { return -NLE_NOMEM }
            defer { rtnl_route_put(route) }
            var destination: OpaquePointer?
            var code = nl_addr_parse("default", gateway.family, &destination)
            if code < 0 { return code }
            defer { nl_addr_put(destination) }
            guard let via = gateway.bytes.withUnsafeBytes({ nl_addr_build(gateway.family, $0.baseAddress, $0.count) }) else { return -NLE_NOMEM }
            defer { nl_addr_put(via) }
            code = rtnl_route_set_family(route, UInt8(gateway.family))
            if code < 0 { return code }
            code = rtnl_route_set_dst(route, destination)
            if code < 0 { return code }
            rtnl_route_set_table(route, UInt32(RT_TABLE_MAIN.rawValue))
            rtnl_route_set_scope(route, UInt8(RT_SCOPE_UNIVERSE.rawValue))
            rtnl_route_set_protocol(route, UInt8(RTPROT_BOOT))
            _ = rtnl_route_set_type(route, UInt8(RTN_UNICAST))
            guard let hop = rtnl_route_nh_alloc() else { return -NLE_NOMEM }
            rtnl_route_nh_set_ifindex(hop, link.index)
            rtnl_route_nh_set_gateway(hop, via)
            rtnl_route_add_nexthop(route, hop) // the route owns the hop now
            return rtnl_route_add(socket, route, NLM_F_EXCL)
        }
        if result.failed {
            throw XError.step("cannot add the default route via \(gateway) on \(quoted(link.name)) in \(namespace.label)",
                              errno: result.errno,
                              hint: NetworkHints.forError(result.errno, otherwise: result.errno == ENETUNREACH
                                  ? "the gateway must be inside a --peer-addr prefix (or IPv6 link-local)" : nil))
        }
    }
}
