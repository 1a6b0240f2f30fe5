import Foundation
import Testing

/// xveth for real, as root: pairs into namespaces named by file, pid and fd,
/// and from inside a chain; what it configured is read back with `ip -j`.
/// Every test runs in a scratch network namespace (see inScratchNetwork).
@Suite(.enabled(if: isRoot, "xveth needs root"))
struct XvethWiringTests {
    @Test func intoAPersistedNamespaceByFile() throws {
        let script = """
            ip netns add b && \
            $XVETH --netns=/run/netns/b --host=vh0 --host-addr=10.77.1.1/24 --host-addr=fd00:77:1::1/64 \
                --peer-addr=10.77.1.2/24 --peer-addr=fd00:77:1::2/64 --peer-gateway=10.77.1.1 --peer-gateway=fd00:77:1::1 \
                --mtu=1400 --mac=02:00:00:77:01:02 && \
            ip -j addr show dev vh0 && ip -n b -j addr && ip -n b -j route && ip -n b -6 -j route && \
            ping -c 1 -W 2 10.77.1.2 >/dev/null && ping -c 1 -W 2 fd00:77:1::2 >/dev/null && echo pinged
            """
        let result = try run(inScratchNetwork(script))
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr == "", "\(result)")
        let lines = result.stdoutLines
        try #require(lines.count == 5, "\(result)")
        let host = try IPInterface.parse(lines[0])
        #expect(host.map(\.name) == ["vh0"])
        #expect(host.first?.isUp == true)
        #expect(host.first?.mtu == 1400)
        #expect(host.first?.addresses == ["10.77.1.1/24", "fd00:77:1::1/64"])
        let inside = try IPInterface.parse(lines[1])
        #expect(inside.map(\.name) == ["lo", "eth0"])
        #expect(inside.allSatisfy { $0.isUp }, "\(inside)")
        let eth0 = inside.first { $0.name == "eth0" }
        #expect(eth0?.mtu == 1400)
        #expect(eth0?.mac == "02:00:00:77:01:02")
        #expect(eth0?.addresses == ["10.77.1.2/24", "fd00:77:1::2/64"])
        #expect(try ipRoutes(lines[2]) == ["default via 10.77.1.1 dev eth0", "10.77.1.0/24 dev eth0"])
        #expect(try ipRoutes(lines[3]).contains("default via fd00:77:1::1 dev eth0"))
        #expect(lines[4] == "pinged")
    }

    @Test func intoTheNamespaceOfAProcess() throws {
        // The fifo tells when the child is in its new namespace.
        let script = """
            mkfifo /run/netns/ready && \
            { unshare --net -- sh -c 'echo > /run/netns/ready; exec sleep 30' & } && pid=$! && \
            read _ < /run/netns/ready && \
            $XVETH --pid=$pid --host=vh0 --host-addr=10.77.2.1/24 --peer=inside0 --peer-addr=10.77.2.2/24 && \
            nsenter --net --target $pid ip -j addr show dev inside0 && ping -c 1 -W 2 10.77.2.2 >/dev/null && echo pinged; \
            status=$?; kill $pid; exit $status
            """
        let result = try run(inScratchNetwork(script))
        #expect(result.status == 0, "\(result)")
        let lines = result.stdoutLines
        try #require(lines.count == 2, "\(result)")
        let inside = try IPInterface.parse(lines[0])
        #expect(inside.first?.name == "inside0")
        #expect(inside.first?.addresses == ["10.77.2.2/24"])
        #expect(inside.first?.isUp == true)
        #expect(lines[1] == "pinged")
    }

    @Test func intoAnInheritedFdThatCommandDoesNotInherit() throws {
        let script = """
            ip netns add b && \
            $XVETH --netns-fd=7 --host=vh0 --host-addr=10.77.3.1/24 --peer-addr=10.77.3.2/24 -- \
                sh -c 'if [ -e /proc/self/fd/7 ]; then echo fd-7-leaked; else echo fd-7-closed; fi' 7</run/netns/b && \
            ip -n b -j addr show dev eth0
            """
        let result = try run(inScratchNetwork(script))
        #expect(result.status == 0, "\(result)")
        let lines = result.stdoutLines
        try #require(lines.count == 2, "\(result)")
        #expect(lines[0] == "fd-7-closed")
        #expect(try IPInterface.parse(lines[1]).first?.addresses == ["10.77.3.2/24"])
    }

    @Test func inAChainTheHostEndGoesOutThroughAnFd() throws {
        // The new namespace's own chain wires it: xunshare makes it, xveth runs
        // inside, and fd 3, opened on the original namespace before the chain,
        // takes the host end. The host end is read while the chain still
        // runs (the fifos, each wait bounded): it goes with the chain's namespace.
        let script = """
            mkfifo /run/netns/ready /run/netns/go && \
            { \(Package.tool("xunshare")) --net --mount --pid --fork --mount-proc -- \
                $XVETH --host-netns-fd=3 --host=vh0 --host-addr=10.77.4.1/24 --peer-addr=10.77.4.2/24 --peer-gateway=10.77.4.1 -- \
                sh -c 'ip -j addr; ip -j route; ping -c 1 -W 2 10.77.4.1 >/dev/null && echo pinged-host; \
                       if [ -e /proc/self/fd/3 ]; then echo fd-3-leaked; else echo fd-3-closed; fi; \
                       echo > /run/netns/ready; read _ < /run/netns/go' \
                3</proc/self/ns/net & } && \
            timeout 20 cat /run/netns/ready > /dev/null && host=$(ip -j addr show dev vh0); \
            timeout 20 sh -c 'echo > /run/netns/go'; wait $! && echo "$host"
            """
        let result = try run(inScratchNetwork(script))
        #expect(result.status == 0, "\(result)")
        let lines = result.stdoutLines
        try #require(lines.count == 5, "\(result)")
        let inside = try IPInterface.parse(lines[0])
        #expect(inside.map(\.name) == ["lo", "eth0"])
        #expect(inside.allSatisfy { $0.isUp }, "\(inside)")
        #expect(inside.last?.addresses == ["10.77.4.2/24"])
        #expect(try ipRoutes(lines[1]) == ["default via 10.77.4.1 dev eth0", "10.77.4.0/24 dev eth0"])
        #expect(lines[2] == "pinged-host")
        #expect(lines[3] == "fd-3-closed")
        #expect(try IPInterface.parse(lines[4]).first?.addresses == ["10.77.4.1/24"])
    }

    @Test func twoIsolatedShellsPingAndTalkTCPOverTheirPair() throws {
        // demos/two-hosts: two busybox roots behind xchroot --pivot-root, in
        // their own namespaces, wired by xveth in one shell's chain.
        let work = try TemporaryDirectory()
        let result = try run(["unshare", "--net", "--", Package.root + "/demos/two-hosts"],
                             environment: environment(["XNS_BIN": Package.binaries, "XNS_DEMO_DIR": work.path + "/demo"]))
        #expect(result.status == 0, "\(result)")
        for line in ["a: eth0 10.77.0.1/24", "a: ping 10.77.0.2 (b): ok", "a: got \"reply from b\" over TCP",
                     "b: got \"hello from a\" over TCP", "b: eth0 10.77.0.2/24", "b: ping 10.77.0.1 (a): ok",
                     "two-hosts: a and b talked over their veth pair"] {
            #expect(result.stdoutLines.contains(line), "\(line)\n\(result)")
        }
    }

    @Test func withoutAHostNameTheKernelPicksOne() throws {
        let script = """
            ip netns add b && $XVETH --netns=/run/netns/b --host-addr=10.77.5.1/24 && ip -j addr show dev veth0
            """
        let result = try run(inScratchNetwork(script))
        #expect(result.status == 0, "\(result)")
        #expect(try IPInterface.parse(result.stdout).first?.addresses == ["10.77.5.1/24"], "\(result)")
    }

    @Test func deleteRemovesThePairFromEitherEnd() throws {
        let script = """
            ip netns add b && ip netns add c && \
            $XVETH --netns=/run/netns/b --host=vh0 && $XVETH --netns=/run/netns/c --host=vh1 && \
            $XVETH --delete=vh0 && $XVETH --netns=/run/netns/c --delete=eth0 -- echo deleted && \
            ip -o link | grep -c veth; ip -n b -o link | grep -c eth0; ip -n c -o link | grep -c eth0; true
            """
        let result = try run(inScratchNetwork(script))
        #expect(result.status == 0, "\(result)")
        #expect(result.stdoutLines == ["deleted", "0", "0", "0"], "\(result)")
    }

    @Test func deleteRefusesWhatIsNotAVeth() throws {
        let script = """
            ip link add d0 type bridge && $XVETH --delete=d0; echo status=$?; $XVETH --delete=lo; echo status=$?; \
            $XVETH --delete=none0; echo status=$?; ip -o link show d0 | grep -c d0
            """
        let result = try run(inScratchNetwork(script))
        #expect(result.stdoutLines == ["status=125", "status=125", "status=125", "1"], "\(result)")
        #expect(result.stderrLines == [
            "xveth: refusing to delete interface 'd0': it is a bridge, not a veth",
            "xveth: refusing to delete interface 'lo': it is not a veth",
            "xveth: cannot delete interface 'none0' in this network namespace: No such device",
        ])
    }

    @Test func commandRunsWithItsOwnStatus() throws {
        let script = """
            ip netns add b && $XVETH --netns=/run/netns/b --host=vh0 -- sh -c 'exit 7'; echo status=$?; \
            $XVETH --netns=/run/netns/b --host=vh1 --peer=eth1 -- no-such-command-xns; echo status=$?
            """
        let result = try run(inScratchNetwork(script))
        #expect(result.stdoutLines == ["status=7", "status=127"], "\(result)")
    }

    @Test func traceShowsEachNetlinkRequest() throws {
        let script = """
            ip netns add b && $XVETH --trace --netns=/run/netns/b --host=vh0 --host-addr=10.77.6.1/24 --peer-addr=10.77.6.2/24 --peer-gateway=10.77.6.1
            """
        let result = try run(inScratchNetwork(script))
        #expect(result.status == 0, "\(result)")
        let calls = result.stderrLines.map { $0.replacingOccurrences(of: #"^xveth\[\d+\]: "#, with: "", options: .regularExpression) }
        // The ends are polled until both run: one line, however many requests.
        let netlink = calls.filter { $0.hasPrefix("RTM_") }
            .map { $0.replacingOccurrences(of: #": \d+ requests? = 0$"#, with: "", options: .regularExpression) }
        #expect(netlink == [
            "RTM_GETLINK vh0 = -1 ENODEV (No such device)",
            "RTM_GETLINK eth0 (netns /run/netns/b) = -1 ENODEV (No such device)",
            "RTM_NEWLINK vh0 type veth peer eth0 netns fd 4 = 0",
            "RTM_GETLINK eth0 (netns /run/netns/b) = 0",
            "RTM_GETLINK vh0 = 0",
            "RTM_NEWADDR 10.77.6.1/24 dev vh0 = 0",
            "RTM_NEWLINK vh0 up = 0",
            "RTM_NEWADDR 10.77.6.2/24 dev eth0 (netns /run/netns/b) = 0",
            "RTM_NEWLINK eth0 up (netns /run/netns/b) = 0",
            "RTM_NEWROUTE default via 10.77.6.1 dev eth0 (netns /run/netns/b) = 0",
            "RTM_GETLINK lo (netns /run/netns/b) = 0",
            "RTM_NEWLINK lo up (netns /run/netns/b) = 0",
            "RTM_GETLINK vh0, eth0 (netns /run/netns/b) until both run",
        ], "\(result)")
        #expect(calls.contains("setns(4, CLONE_NEWNET) = 0"), "\(result)")
        #expect(calls.contains("openat(AT_FDCWD, \"/run/netns/b\", O_RDONLY|O_CLOEXEC|O_NOCTTY|O_NONBLOCK) = 4"), "\(result)")
    }

    @Test func dryRunMakesNothingAndNeedsNoPrivilege() throws {
        let script = """
            ip netns add b && before=$(ip -o link; ip -n b -o link) && \
            setpriv --reuid=65534 --regid=65534 --clear-groups -- \
                $XVETH --dry-run --netns=/run/netns/b --host=vh0 --host-addr=10.77.7.1/24 --peer-addr=10.77.7.2/24 -- touch /tmp/xveth-ran && \
            after=$(ip -o link; ip -n b -o link) && [ "$before" = "$after" ] && echo unchanged
            """
        let result = try run(inScratchNetwork(script))
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "unchanged\n", "\(result)")
        #expect(result.stderr.range(of: #"RTM_NEWLINK vh0 type veth peer eth0 netns fd \d+ \(dry run: not made\)"#, options: .regularExpression) != nil, "\(result)")
        #expect(result.stderr.contains("RTM_NEWADDR 10.77.7.2/24 dev eth0 (netns /run/netns/b) (dry run: not made)"), "\(result)")
        #expect(result.stderr.contains("execvp(\"touch\", [\"touch\", \"/tmp/xveth-ran\"]) (dry run: not run)"), "\(result)")
    }
}
