import Testing
import XCore
import XNetwork

/// What xveth decides before it touches anything: which end goes where, and
/// the steps in the order that works.
@Suite struct VethPlanTests {
    func failure(_ body: () throws(XError) -> VethPlan) -> XError? {
        do {
            let plan = try body()
            Issue.record("expected an error, got \(plan)")
            return nil
        } catch {
            return error
        }
    }

    func cidr(_ text: String) -> InterfaceAddress {
        try! InterfaceAddress.parse(text, option: "-")
    }

    func ip(_ text: String) -> IPAddress {
        IPAddress(text)!
    }

    @Test func intoAPersistedNamespace() throws {
        let plan = try VethPlan(host: "vh0", peer: nil, hostNamespace: .current, peerNamespace: .file("/run/netns/b"),
                                hostAddresses: ["10.77.0.1/24", "fd00:77::1/64"], peerAddresses: ["10.77.0.2/24"],
                                gateways: ["10.77.0.1"], mtu: 1400, mac: "02:00:00:00:00:07")
        #expect(plan.host.name == "vh0")
        #expect(plan.peer.name == "eth0")
        #expect(plan.peer.namespace == .file("/run/netns/b"))
        #expect(plan.mtu == 1400)
        #expect(plan.mac?.description == "02:00:00:00:00:07")
        #expect(plan.steps == [
            .checkNameFree(.host), .checkNameFree(.peer), .createPair,
            .addAddress(.host, cidr("10.77.0.1/24")), .addAddress(.host, cidr("fd00:77::1/64")), .bringUp(.host),
            .addAddress(.peer, cidr("10.77.0.2/24")), .bringUp(.peer),
            .addDefaultRoute(ip("10.77.0.1")), .bringUpLoopback, .waitUntilRunning,
        ])
    }

    @Test func inAChainTheHostEndGoesOut() throws {
        // Run inside the new namespace: the peer stays, the host end leaves through fd 3.
        let plan = try VethPlan(host: "vh0", peer: "net0", hostNamespace: .inherited(3), peerNamespace: .current,
                                peerAddresses: ["10.77.0.2/24"])
        #expect(plan.host.namespace == .inherited(3))
        #expect(plan.peer.namespace == .current)
        #expect(plan.peer.name == "net0")
        #expect(plan.steps == [.checkNameFree(.host), .checkNameFree(.peer), .createPair, .bringUp(.host),
                               .addAddress(.peer, cidr("10.77.0.2/24")), .bringUp(.peer), .bringUpLoopback, .waitUntilRunning])
    }

    @Test func withoutAHostNameTheKernelPicksOne() throws {
        let plan = try VethPlan(host: nil, peer: nil, hostNamespace: .current, peerNamespace: .process(42))
        #expect(plan.host.name == nil)
        #expect(plan.steps == [.checkNameFree(.peer), .createPair, .bringUp(.host), .bringUp(.peer), .bringUpLoopback, .waitUntilRunning])
    }

    @Test func gatewaysOnePerFamily() throws {
        let plan = try VethPlan(host: "h", peer: nil, hostNamespace: .current, peerNamespace: .inherited(4),
                                peerAddresses: ["10.0.0.2/24", "fd00::2/64"], gateways: ["fd00::1", "10.0.0.1"])
        #expect(plan.gateways == [ip("fd00::1"), ip("10.0.0.1")])
        // An IPv6 link-local gateway needs no address of its own.
        let linkLocal = try VethPlan(host: "h", peer: nil, hostNamespace: .current, peerNamespace: .inherited(4),
                                     gateways: ["fe80::1"])
        #expect(linkLocal.gateways == [ip("fe80::1")])
    }

    @Test func badInputFailsBeforeAnythingIsTouched() {
        let into = NamespaceSource.file("/run/netns/b")
        for (make, message) in [
            ({ () throws(XError) in try VethPlan(host: nil, peer: nil, hostNamespace: .current, peerNamespace: .current) },
             "no network namespace for the peer end"),
            ({ () throws(XError) in try VethPlan(host: "averyveryverylongname", peer: nil, hostNamespace: .current, peerNamespace: into) },
             "interface name 'averyveryverylongname' in --host is too long: 21 bytes, at most 15 (IFNAMSIZ)"),
            ({ () throws(XError) in try VethPlan(host: nil, peer: "a:b", hostNamespace: .current, peerNamespace: into) },
             "invalid interface name 'a:b' in --peer: no ':' allowed"),
            ({ () throws(XError) in try VethPlan(host: nil, peer: nil, hostNamespace: .current, peerNamespace: into, hostAddresses: ["10.0.0.1/24", "10.0.0.1/16"]) },
             "address 10.0.0.1 is given twice in --host-addr"),
            ({ () throws(XError) in try VethPlan(host: nil, peer: nil, hostNamespace: .current, peerNamespace: into, hostAddresses: ["10.0.0.1/24"], peerAddresses: ["10.0.0.1/24"]) },
             "address 10.0.0.1/24 is given to both ends"),
            ({ () throws(XError) in try VethPlan(host: nil, peer: nil, hostNamespace: .current, peerNamespace: into, peerAddresses: ["10.0.0.2/24"], gateways: ["10.0.0.1", "10.0.0.3"]) },
             "two IPv4 gateways in --peer-gateway: a default route has one"),
            ({ () throws(XError) in try VethPlan(host: nil, peer: nil, hostNamespace: .current, peerNamespace: into, peerAddresses: ["fd00::2/64"], gateways: ["10.0.0.1"]) },
             "--peer-gateway=10.0.0.1 needs an IPv4 --peer-addr to reach it"),
            ({ () throws(XError) in try VethPlan(host: nil, peer: nil, hostNamespace: .current, peerNamespace: into, peerAddresses: ["10.0.0.2/24"], gateways: ["fd00::1"]) },
             "--peer-gateway=fd00::1 needs an IPv6 --peer-addr to reach it"),
            ({ () throws(XError) in try VethPlan(host: nil, peer: nil, hostNamespace: .current, peerNamespace: into, mtu: 65536) },
             "MTU 65536 in --mtu is out of range: a veth takes 68 to 65535"),
            ({ () throws(XError) in try VethPlan(host: nil, peer: nil, hostNamespace: .current, peerNamespace: into, hostAddresses: ["fd00::1/64"], mtu: 1200) },
             "MTU 1200 in --mtu is too small for the IPv6 addresses: IPv6 needs at least 1280"),
            ({ () throws(XError) in try VethPlan(host: nil, peer: nil, hostNamespace: .current, peerNamespace: into, mac: "ff:ff:ff:ff:ff:ff") },
             "invalid MAC address 'ff:ff:ff:ff:ff:ff' in --mac: a multicast address cannot name an interface"),
        ] {
            let error = failure(make)
            #expect(error?.text == message)
            #expect(error?.status == 125)
        }
    }
}
