import XCommandLine
import XCore

/// xveth, for the multicall binary (Sources/xns).
public let xvethTool: any ChainTool.Type = XVeth.self

/// xveth: wire a network namespace with a veth pair, then exec the next link.
struct XVeth: ChainTool {
    static let name = "xveth"

    static let table = OptionTable(
        name: name,
        abstract: "Wire a network namespace with a veth pair and run COMMAND.",
        usage: "xveth [OPTION...] [--] [COMMAND [ARG...]]",
        discussion: """
            Creates a veth pair with one netlink request: the host end in the host's network namespace, the peer end (default name eth0) in the target namespace. Then it adds the addresses, brings both ends and the target's loopback up, adds the peer's default routes, waits until both ends run (the kernel starts a link a moment after its carrier comes on, seconds later on a busy machine, and drops what is sent before), and executes COMMAND. Without COMMAND it exits 0, so it also works as a plain command in a script.

            The target namespace is a persisted one (--netns=FILE: ip netns add, unshare --net=FILE, xunshare --net=FILE), that of a running process (--pid=PID, through a pidfd), or an fd handed down (--netns-fd=N).

            In a chain: the step that creates the new network namespace cannot wait for a second script to wire it. So xveth runs inside the new namespace, the shell opens the original namespace on an fd before the chain starts, and --host-netns-fd=N puts the host end there. The namespace is wired before COMMAND runs, and nothing races it.

            Every name, address, MTU and MAC is checked before anything is touched, and both names must be free in their namespaces. If a later step fails, the pair is deleted again (with its addresses and routes), so a failed run leaves nothing behind. IPv6 addresses are added without duplicate address detection (nodad), so COMMAND can use them at once. An fd consumed by --netns-fd or --host-netns-fd is made close-on-exec: COMMAND does not inherit it.

            Creating the pair needs CAP_NET_ADMIN in both namespaces (and CAP_SYS_ADMIN to enter the other one): rootless, inside a user namespace, only --loopback-only works.

            EXAMPLES
              # A shell in new namespaces, wired to the host, in one chain:
              xunshare --net --mount --pid --fork -- \\
                  xveth --host-netns-fd=3 --host=vh0 --host-addr=10.77.0.1/24 \\
                        --peer-addr=10.77.0.2/24 --peer-gateway=10.77.0.1 -- \\
                  /bin/sh 3</proc/self/ns/net

              # A persisted namespace, wired from the host:
              ip netns add box   # or: touch FILE && xunshare --net=FILE true
              xveth --netns=/run/netns/box --host=vh-box --host-addr=10.78.0.1/24 \\
                    --peer-addr=10.78.0.2/24 --peer-gateway=10.78.0.1
              xveth --delete=vh-box

              # Rootless: only the loopback of a new namespace.
              xunshare --user --map-root-user --net -- xveth --loopback-only -- ping -c1 127.0.0.1

            SEE ALSO
              ip-link(8), veth(4), network_namespaces(7), ip-netns(8), xunshare(1), xchroot(1)
            """,
        keys: Option.self,
        command: PositionalSpec("COMMAND", help: "The command to run once the namespace is wired, with its arguments (default: exit 0)."))

    enum Option: Int, OptionKey {
        case netns, pid, netnsFd, hostNetnsFd, host, peer, hostAddr, peerAddr, peerGateway, mtu, mac, loopbackOnly, delete

        var spec: OptionSpec {
            switch self {
            case .netns: return .option("netns", value: "FILE", help: "Put the peer end into the network namespace persisted at FILE (e.g. /run/netns/NAME).")
            case .pid: return .option("pid", value: "PID", help: "Put the peer end into the network namespace of process PID.")
            case .netnsFd: return .option("netns-fd", value: "N", help: "Put the peer end into the network namespace open on fd N (consumed).")
            case .hostNetnsFd: return .option("host-netns-fd", value: "N", help: "Run inside the target namespace and put the host end into the network namespace open on fd N (consumed), e.g. 3</proc/self/ns/net opened before the chain started.")
            case .host: return .option("host", value: "NAME", help: "Name the host end (default: the kernel picks vethN).")
            case .peer: return .option("peer", value: "NAME", help: "Name the peer end (default: eth0).")
            case .hostAddr: return .option("host-addr", value: "CIDR", help: "Add CIDR (IPv4 or IPv6, such as 10.77.0.1/24) to the host end.", repeats: true)
            case .peerAddr: return .option("peer-addr", value: "CIDR", help: "Add CIDR (IPv4 or IPv6, such as 10.77.0.2/24) to the peer end.", repeats: true)
            case .peerGateway: return .option("peer-gateway", value: "IP", help: "Add a default route via IP inside the target namespace; once per address family.", repeats: true)
            case .mtu: return .option("mtu", value: "MTU", help: "Set the MTU of both ends (68 to 65535; at least 1280 with IPv6).")
            case .mac: return .option("mac", value: "MAC", help: "Set the MAC address of the peer end (unicast, such as 02:00:00:00:00:01).")
            case .loopbackOnly: return .flag("loopback-only", help: "Only bring the loopback up in the current network namespace (works rootless, in a user namespace).")
            case .delete: return .option("delete", value: "NAME", help: "Delete the veth pair one of whose ends is NAME (in the current namespace, or the one --netns, --pid or --netns-fd names), then run COMMAND.")
            }
        }
    }

    var netns: String?
    var pid: Int32?
    var netnsFd: Int32?
    var hostNetnsFd: Int32?
    var host: String?
    var peer: String?
    var hostAddr: [String] = []
    var peerAddr: [String] = []
    var peerGateway: [String] = []
    var mtu: Int?
    var mac: String?
    var loopbackOnly = false
    var delete: String?
    var command: [String]

    init(_ line: ParsedCommandLine) throws(XError) {
        command = line.command
        for (key, given) in line.options(Option.self) {
            switch key {
            case .netns: netns = given.text
            case .pid: pid = try given.integer()
            case .netnsFd: netnsFd = try given.integer()
            case .hostNetnsFd: hostNetnsFd = try given.integer()
            case .host: host = given.text
            case .peer: peer = given.text
            case .hostAddr: hostAddr.append(given.text)
            case .peerAddr: peerAddr.append(given.text)
            case .peerGateway: peerGateway.append(given.text)
            case .mtu: mtu = try given.integer()
            case .mac: mac = given.text
            case .loopbackOnly: loopbackOnly = true
            case .delete: delete = given.text
            }
        }
    }
}
