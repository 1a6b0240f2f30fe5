import Foundation
import Testing

/// What every link hands to COMMAND: exactly the fds it was given (none of
/// its own), and the environment it was given, byte for byte (issue 9).
/// xunshare, xnsenter and plain xchroot have their fd tests with their other
/// process tests; here are the links that had none.
@Suite(.enabled(if: isRoot, "the links mount, pivot and wire namespaces"))
struct LinkContractTests {
    /// A root for xmountapi and xchroot --pivot-root, with /proc mounted
    /// (busybox's ls reads /proc/self/fd there), in the private mount
    /// namespace the command runs in.
    static func inRoot(_ root: BusyboxRoot, _ arguments: [String]) -> [String] {
        inPrivateMountNamespace(["sh", "-c", #"mount -t proc proc "$0/proc" && exec "$@""#, root.path] + arguments)
    }

    /// In a scratch network namespace with a namespace `b` to wire.
    static func inScratchNetworkWithNamespace(_ arguments: [String]) -> [String] {
        inScratchNetwork(#"ip netns add b && exec "$@""#) + ["sh"] + arguments
    }

    static let xveth = [Package.tool("xveth"), "--netns=/run/netns/b", "--host=vh0", "--host-addr=10.77.9.1/24",
                        "--peer-addr=10.77.9.2/24", "--peer-gateway=10.77.9.1", "--mtu=1400", "--trace", "--"]

    @Test func xmountapiAddsNoFd() throws {
        let root = try BusyboxRoot()
        let result = try run(Self.inRoot(root, fdsBeforeAndAfter([Package.xmountapi, "--root", root.path, "--api", "--bind=/usr:/usr",
                                                                  "--tmpfs=/srv", "--read-only=/etc", "--trace", "--"])))
        #expect(result.status == 0, "\(result)")
        #expect(result.fdsMatch, "\(result)")
    }

    @Test func xchrootPivotRootAddsNoFd() throws {
        let root = try BusyboxRoot()
        for options in [["--pivot-root"], ["--pivot-root", "--drop-caps", "--no-new-privs", "--userspec=1000:1000", "--trace"]] {
            let result = try run(Self.inRoot(root, fdsBeforeAndAfter([Package.xchroot] + options + [root.path])))
            #expect(result.status == 0, "\(options): \(result)")
            #expect(result.fdsMatch, "\(options): \(result)")
        }
    }

    @Test func xvethAddsNoFd() throws {
        let result = try run(Self.inScratchNetworkWithNamespace(fdsBeforeAndAfter(Self.xveth)))
        #expect(result.status == 0, "\(result)")
        #expect(result.fdsMatch, "\(result)")
    }

    /// `env -0` before the link and as its COMMAND are the same bytes, odd
    /// values included (not UTF-8, newlines, empty, 100 000 bytes).
    @Test func theEnvironmentPassesEveryLinkByteForByte() throws {
        let root = try BusyboxRoot()
        let chain = try Background([Package.xunshare, "--pid", "--fork", "--kill-child", "--", "sleep", "60"])
        let target = try chain.target(running: "sleep", forked: true)
        let links: [(String, [String])] = [
            ("xunshare", environmentBeforeAndAfter([Package.xunshare, "--mount", "--uts", "--pid", "--fork", "--init", "--"])),
            ("xnsenter", environmentBeforeAndAfter([Package.xnsenter, "-t", String(target), "-p", "-m", "-u", "--"])),
            ("xnsenter -F", environmentBeforeAndAfter([Package.xnsenter, "-t", String(target), "-p", "-F", "--"])),
            ("xmountapi", Self.inRoot(root, environmentBeforeAndAfter([Package.xmountapi, "--root", root.path, "--proc", "--tmp", "--"]))),
            ("xchroot", environmentBeforeAndAfter([Package.xchroot, "--userspec=0:0", "--groups=0", "/"])),
            ("xveth", Self.inScratchNetworkWithNamespace(environmentBeforeAndAfter(Self.xveth))),
        ]
        for (name, argv) in links {
            let result = try run(argv)
            #expect(result.stdout == "same\n", "\(name): \(result)")
        }
        _ = chain
    }

    /// --env: COMMAND gets the target's environment, as /proc/PID/environ
    /// holds it, byte for byte (a value that is not UTF-8 was repaired once).
    @Test func xnsenterEnvGivesTheTargetsEnvironmentByteForByte() throws {
        let chain = try Background(["bash", "-c", "exec env -i \(oddEnvironment.joined(separator: " ")) sleep 60"])
        let target = try chain.target(running: "sleep")
        let script = #"cmp <("$0" -t "$1" --env -- /usr/bin/env -0) /proc/$1/environ && echo same"#
        let result = try run(["bash", "-c", script, Package.xnsenter, String(target)])
        #expect(result.stdout == "same\n", "\(result)")
        _ = chain
    }
}
