import Glibc
import XCommandLine
import XCore
import XNetwork

extension XVeth {
    func perform() throws(XError) -> Never {
        try checkOptionConflicts()
        if let hostNetnsFd { try NamespaceSource.checkInherited(hostNetnsFd, option: "--host-netns-fd") }
        let target = try NamespaceSource.target(file: netns, pid: pid, fd: netnsFd)
        // What was made for COMMAND, taken back if it cannot run.
        var made: WiredPair?
        var raisedLoopback: NetworkNamespace?

        if loopbackOnly {
            let here = try NetworkNamespace.current()
            if try Loopback.bringUp(in: here) { raisedLoopback = here }
        } else if let delete {
            let name = try InterfaceName.validate(delete, option: "--delete")
            let home = try NetworkNamespace.current()
            try VethRemoval.delete(name, in: try NetworkNamespace.open(target ?? .current, from: home))
        } else {
            let plan = try VethPlan(host: host, peer: peer,
                                    hostNamespace: hostNetnsFd.map { .inherited($0) } ?? .current,
                                    peerNamespace: target ?? .current,
                                    hostAddresses: hostAddr, peerAddresses: peerAddr,
                                    gateways: peerGateway, mtu: mtu, mac: mac)
            let home = try NetworkNamespace.current()
            let hostNamespace = try NetworkNamespace.open(plan.host.namespace, from: home)
            let peerNamespace = try NetworkNamespace.open(plan.peer.namespace, from: home)
            made = try VethWiring.wire(plan, host: hostNamespace, peer: peerNamespace)
        }

        if command.isEmpty { Glibc.exit(0) }
        do {
            try NextLink.exec(command)
        } catch {
            // COMMAND never ran: the pair made for it goes, lo goes down again.
            made?.remove()
            if let raisedLoopback { Loopback.bringDown(in: raisedLoopback) }
            throw error
        }
    }

    func checkOptionConflicts() throws(XError) {
        let creates = host != nil || peer != nil || !hostAddr.isEmpty || !peerAddr.isEmpty || !peerGateway.isEmpty
            || mtu != nil || mac != nil || hostNetnsFd != nil
        let targets = netns != nil || pid != nil || netnsFd != nil
        if let netnsFd, netnsFd == hostNetnsFd {
            throw XError.usage("--netns-fd and --host-netns-fd name the same fd \(netnsFd)",
                               hint: "the two ends of the pair go to two different namespaces")
        }
        if loopbackOnly && (creates || targets || delete != nil) {
            throw XError.usage("--loopback-only goes alone: it brings lo up in the current network namespace",
                               hint: "run it inside the namespace: unshare --net -- xveth --loopback-only -- COMMAND")
        }
        if delete != nil && creates {
            throw XError.usage("--delete goes only with --netns, --pid or --netns-fd (where the pair is)")
        }
    }
}
