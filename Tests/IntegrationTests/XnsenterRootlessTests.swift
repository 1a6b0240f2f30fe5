import Foundation
import Testing

/// Rootless: the unprivileged user who made a chain with `xunshare --user`
/// enters its namespaces — the pain point of util-linux nsenter, where
/// setgroups is denied inside and the host's cgroup or time namespace cannot
/// be re-entered. Everything runs as `nobody`.
@Suite(.enabled(if: isRoot, "the rootless tests switch to nobody"))
struct XnsenterRootlessTests {
    static let inside = ["mnt", "uts", "net", "pid", "user"]

    /// nobody's chain: a user namespace mapping nobody to root, and mount,
    /// uts, net and pid namespaces owned by it; the target is its PID 1.
    static func chain(_ mapping: String = "--map-root-user") throws -> (Background, pid_t) {
        let chain = try Background(asNobody([Package.xunshare, "--user", mapping, "--mount", "--uts", "--net",
                                             "--pid", "--fork", "--mount-proc", "--kill-child", "--hostname=rootless", "--", "sleep", "60"]))
        return (chain, try chain.target(running: "sleep", forked: true))
    }

    static var script: String {
        "id -u; id -g; hostname; echo $$; cat /proc/1/comm; " + inside.map { "readlink /proc/self/ns/\($0)" }.joined(separator: "; ")
    }

    static func expected(_ target: pid_t, uid: String = "0", gid: String = "0") -> String {
        ([uid, gid, "rootless", "2", "sleep"] + inside.compactMap { namespace($0, of: target) }).joined(separator: "\n") + "\n"
    }

    @Test func entersItsOwnChainByName() throws {
        let (chain, target) = try Self.chain()
        let result = try run(asNobody([Package.xnsenter, "-t", String(target), "-U", "-m", "-u", "-n", "-p", "--", "sh", "-c", Self.script]))
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == Self.expected(target), "\(result)")
        _ = chain
    }

    @Test func entersItsOwnChainWithAll() throws {
        let (chain, target) = try Self.chain()
        let result = try run(asNobody([Package.xnsenter, "--all", "-t", String(target), "--", "sh", "-c", Self.script]))
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == Self.expected(target), "\(result)")
        _ = chain
    }

    @Test func theUserNamespaceGoesFirst() throws {
        let (chain, target) = try Self.chain()
        let result = try run(asNobody([Package.xnsenter, "--trace", "-t", String(target), "-U", "-n", "true"]))
        #expect(result.status == 0, "\(result)")
        let calls = result.stderrLines.filter { $0.contains("setns(") }
        // Refused without the user namespace, then made with it, at once.
        #expect(calls.count == 2, "\(result)")
        #expect(calls.first?.hasSuffix(", CLONE_NEWNET) = -1 EPERM (Operation not permitted)") == true, "\(result)")
        #expect(calls.last?.hasSuffix(", CLONE_NEWUSER|CLONE_NEWNET) = 0") == true, "\(result)")
        _ = chain
    }

    @Test func explicitIdsAndPreservedCredentials() throws {
        let (chain, target) = try Self.chain("--map-root-user")
        let explicit = try run(asNobody([Package.xnsenter, "-t", String(target), "-U", "-S", "0", "-G", "0", "--", "sh", "-c", "id -u; id -g"]))
        #expect(explicit.stdout == "0\n0\n", "\(explicit)")
        // Only nobody is mapped (as 0): 4242 cannot be set.
        let unmapped = try run(asNobody([Package.xnsenter, "-t", String(target), "-U", "-S", "4242", "true"]))
        #expect(unmapped.status == 125)
        #expect(unmapped.stderrLines.first == "xnsenter: cannot set the user id to '4242': Invalid argument", "\(unmapped)")
        let preserved = try run(asNobody([Package.xnsenter, "-t", String(target), "-U", "--preserve-credentials", "--", "sh", "-c", "id -u"]))
        #expect(preserved.stdout == "0\n", "nobody is mapped to 0 anyway: \(preserved)")
        _ = chain
    }

    @Test func anIdentityMappedChainKeepsTheCallersIds() throws {
        // --map-current-user maps nobody to itself: 0 is not mapped, so the
        // default 0/0 cannot apply and the ids stay (util-linux would fail).
        let (chain, target) = try Self.chain("--map-current-user")
        let result = try run(asNobody([Package.xnsenter, "-t", String(target), "-U", "-u", "--", "sh", "-c", "id -u; id -g; hostname"]))
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "65534\n65534\nrootless\n", "\(result)")
        _ = chain
    }

    @Test func keepCapsGivesCommandTheNamespacesCapabilities() throws {
        let (chain, target) = try Self.chain()
        let without = try run(asNobody([Package.xnsenter, "-t", String(target), "-U", "--", "grep", "CapAmb", "/proc/self/status"]))
        #expect(without.stdout.hasSuffix("0000000000000000\n"), "\(without)")
        let with = try run(asNobody([Package.xnsenter, "-t", String(target), "-U", "--keep-caps", "--", "grep", "CapAmb", "/proc/self/status"]))
        #expect(with.status == 0, "\(with)")
        #expect(!with.stdout.hasSuffix("0000000000000000\n") && with.stdout.hasPrefix("CapAmb:"), "\(with)")
        _ = chain
    }
}
