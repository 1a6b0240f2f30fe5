import Foundation
import Testing

/// Bad input and failed steps: one clear line (and maybe a hint), exit 125,
/// and nothing left behind — the links and addresses of both namespaces are
/// compared before and after.
@Suite(.enabled(if: isRoot, "xveth needs root"))
struct XvethFailureTests {
    /// Runs xveth ARGUMENTS in a scratch host with a persisted namespace at
    /// /run/netns/b, and reports its status and whether anything changed.
    func failing(_ arguments: String, setup: String = "true") throws -> (result: Outcome, unchanged: Bool) {
        let script = """
            ip netns add b && \(setup) && before=$(ip -o addr; ip -o link; ip -n b -o addr; ip -n b -o link) && \
            $XVETH \(arguments); echo "status=$?"; \
            after=$(ip -o addr; ip -o link; ip -n b -o addr; ip -n b -o link); \
            [ "$before" = "$after" ] && echo unchanged || { echo changed; echo "$before"; echo "---"; echo "$after"; }
            """
        let result = try run(inScratchNetwork(script))
        return (result, result.stdoutLines.dropFirst().first == "unchanged")
    }

    @Test(arguments: [
        ("--netns=/run/netns/b --host=averyveryverylongname",
         "xveth: interface name 'averyveryverylongname' in --host is too long: 21 bytes, at most 15 (IFNAMSIZ)"),
        ("--netns=/run/netns/b --peer=eth0:1", "xveth: invalid interface name 'eth0:1' in --peer: no ':' allowed"),
        ("--netns=/run/netns/b --host-addr=10.77.8.300/24",
         "xveth: invalid address '10.77.8.300/24' in --host-addr: '10.77.8.300' is not an IPv4 or IPv6 address"),
        ("--netns=/run/netns/b --peer-addr=10.77.8.2",
         "xveth: invalid address '10.77.8.2' in --peer-addr: expected ADDRESS/PREFIX such as 10.0.0.1/24 or fd00::1/64"),
        ("--netns=/run/netns/b --peer-addr=fd00::2/129",
         "xveth: invalid address 'fd00::2/129' in --peer-addr: the prefix length must be 0 to 128 for IPv6"),
        ("--netns=/run/netns/b --mtu=67", "xveth: MTU 67 in --mtu is out of range: a veth takes 68 to 65535"),
        ("--netns=/run/netns/b --mtu=65536", "xveth: MTU 65536 in --mtu is out of range: a veth takes 68 to 65535"),
        ("--netns=/run/netns/b --mtu=1000 --peer-addr=fd00::2/64",
         "xveth: MTU 1000 in --mtu is too small for the IPv6 addresses: IPv6 needs at least 1280"),
        ("--netns=/run/netns/b --mac=01:00:00:00:00:01",
         "xveth: invalid MAC address '01:00:00:00:00:01' in --mac: a multicast address cannot name an interface"),
        ("--netns=/run/netns/b --peer-gateway=10.77.8.1",
         "xveth: --peer-gateway=10.77.8.1 needs an IPv4 --peer-addr to reach it"),
        ("", "xveth: no network namespace for the peer end"),
        ("--netns=/run/netns/b --pid=1", "xveth: --netns, --pid and --netns-fd exclude each other"),
        ("--loopback-only --netns=/run/netns/b", "xveth: --loopback-only goes alone: it brings lo up in the current network namespace"),
        ("--delete=vh0 --host-addr=10.77.8.1/24", "xveth: --delete goes only with --netns, --pid or --netns-fd (where the pair is)"),
        ("--netns=/run/netns/b --bogus", "xveth: unknown option '--bogus'"),
        ("--netns=/run/netns/b --mtu=lots", "xveth: the value 'lots' is invalid for '--mtu <MTU>'"),
    ])
    func badInputIsOneLineAnd125(arguments: String, message: String) throws {
        let (result, unchanged) = try failing(arguments)
        #expect(result.stdoutLines.first == "status=125", "\(result)")
        #expect(unchanged, "\(result)")
        #expect(result.stderrLines.first == message, "\(result)")
        #expect(result.stderrLines.count <= 2, "\(result)")
        #expect(result.stderrLines.dropFirst().allSatisfy { $0.hasPrefix("hint: ") }, "\(result)")
    }

    @Test func aNameTakenOnEitherSideIsRefusedBeforeAnythingIsMade() throws {
        let host = try failing("--netns=/run/netns/b --host=vh0 --host-addr=10.77.9.1/24", setup: "ip link add vh0 type bridge")
        #expect(host.result.stdoutLines.first == "status=125", "\(host.result)")
        #expect(host.unchanged, "\(host.result)")
        #expect(host.result.stderrLines == ["xveth: interface 'vh0' already exists in this network namespace",
                                            "hint: choose another --host=NAME, or remove that pair with 'xveth --delete=vh0'"])
        let peer = try failing("--netns=/run/netns/b --host=vh0 --peer=lo")
        #expect(peer.result.stdoutLines.first == "status=125", "\(peer.result)")
        #expect(peer.unchanged, "\(peer.result)")
        #expect(peer.result.stderrLines == ["xveth: interface 'lo' already exists in the network namespace '/run/netns/b'",
                                            "hint: choose another --peer=NAME"])
    }

    @Test func aFailedStepAfterTheCreationDeletesThePair() throws {
        // The gateway is outside the peer's prefix: the route is refused after
        // the pair exists, addresses and all; the pair must go again, and the
        // target's loopback stays as it was (down).
        let (result, unchanged) = try failing("--trace --netns=/run/netns/b --host=vh0 --host-addr=10.77.10.1/24 --peer-addr=10.77.10.2/24 --peer-gateway=10.77.99.1")
        #expect(result.stdoutLines.first == "status=125", "\(result)")
        #expect(unchanged, "\(result)")
        let messages = result.stderrLines.filter { !$0.hasPrefix("xveth[") }
        #expect(messages == ["xveth: cannot add the default route via 10.77.99.1 on 'eth0' in the network namespace '/run/netns/b': Network is unreachable",
                             "hint: the gateway must be inside a --peer-addr prefix (or IPv6 link-local)"], "\(result)")
        #expect(result.stderr.contains("RTM_NEWLINK vh0 type veth peer eth0"), "\(result)")
        #expect(result.stderr.contains("RTM_DELLINK vh0 = 0"), "\(result)")
    }

    @Test func aGoneNamespaceIsNamed() throws {
        let file = try failing("--netns=/run/netns/gone")
        #expect(file.result.stdoutLines.first == "status=125")
        #expect(file.unchanged, "\(file.result)")
        #expect(file.result.stderrLines.first == "xveth: cannot open the network namespace '/run/netns/gone': No such file or directory")
        // A process that has exited.
        let process = try failing("--pid=$dead", setup: "dead=$(sh -c 'echo $$')")
        #expect(process.result.stdoutLines.first == "status=125", "\(process.result)")
        #expect(process.unchanged)
        #expect(process.result.stderrLines.first?.hasPrefix("xveth: cannot open process ") == true, "\(process.result)")
        #expect(process.result.stderrLines.first?.hasSuffix(" for its network namespace: No such process") == true, "\(process.result)")
        // An fd that was never handed down.
        let fd = try failing("--netns-fd=9")
        #expect(fd.result.stdoutLines.first == "status=125")
        #expect(fd.result.stderrLines.first == "xveth: cannot use fd 9 as a network namespace: Bad file descriptor")
        // A file that is not a network namespace.
        let other = try failing("--netns=/proc/self/ns/uts")
        #expect(other.result.stderrLines == ["xveth: '/proc/self/ns/uts' is a uts namespace, not a network namespace"])
        let plain = try failing("--netns=/etc/hostname")
        #expect(plain.result.stderrLines.first == "xveth: '/etc/hostname' is not a namespace")
    }

    @Test func withoutCapNetAdminTheHintSaysWhatWorks() throws {
        let hint = "hint: rootless networking needs root for the host end; inside a user namespace only --loopback-only works"
        // An unprivileged user.
        let nobody = try failing("--netns=/run/netns/b --host=vh0 --peer-addr=10.77.11.2/24",
                                 setup: "XVETH=\"setpriv --reuid=65534 --regid=65534 --clear-groups -- $XVETH\"")
        #expect(nobody.result.stdoutLines.first == "status=125", "\(nobody.result)")
        #expect(nobody.unchanged, "\(nobody.result)")
        #expect(nobody.result.stderrLines.count == 2, "\(nobody.result)")
        #expect(nobody.result.stderrLines.last == hint, "\(nobody.result)")
        // Root in a user namespace: its own network namespace, but not the host's.
        let script = """
            before=$(ip -o link) && \
            setpriv --reuid=65534 --regid=65534 --clear-groups -- unshare --user --map-root-user --net -- \
                $XVETH --host-netns-fd=3 --host=vh0 --peer-addr=10.77.11.2/24 3</proc/self/ns/net; echo "status=$?"; \
            [ "$before" = "$(ip -o link)" ] && echo unchanged
            """
        let rootless = try run(inScratchNetwork(script))
        #expect(rootless.stdoutLines == ["status=125", "unchanged"], "\(rootless)")
        #expect(rootless.stderrLines == ["xveth: cannot enter the network namespace on fd 3: Operation not permitted", hint])
    }
}
