import Foundation
import Testing

/// Id maps, setgroups, -S/-G, --keep-caps, --root and --wd, as root and as
/// the unprivileged `nobody`.
@Suite struct XunshareUserTests {
    static let showMaps = "cat /proc/self/uid_map /proc/self/gid_map /proc/self/setgroups; id -u; id -g"

    /// The map files with their padding squeezed: "0 65534 1".
    static func squeezed(_ text: String) -> [String] {
        text.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
    }

    @Test func mapRootUserAsRoot() throws {
        let result = try run([Package.xunshare, "--map-root-user", "sh", "-c", Self.showMaps])
        #expect(result.status == 0, "\(result)")
        #expect(Self.squeezed(result.stdout) == ["0 0 1", "0 0 1", "deny", "0", "0"])
    }

    @Test func rootlessMapRootUser() throws {
        try #require(isRoot, "switching to nobody needs root")
        let result = try run(asNobody([Package.xunshare, "-r", "sh", "-c", Self.showMaps]))
        #expect(result.status == 0, "\(result)")
        #expect(Self.squeezed(result.stdout) == ["0 65534 1", "0 65534 1", "deny", "0", "0"])
    }

    @Test func rootlessEverything() throws {
        try #require(isRoot, "switching to nobody needs root")
        let result = try run(asNobody([Package.xunshare, "--user", "--map-root-user", "--mount", "--pid", "--fork", "--net",
                                       "--uts", "--ipc", "--mount-proc", "--hostname=rootless", "--",
                                       "sh", "-c", "id -u; hostname; echo $$; ls /proc | grep -c '^[0-9]*$'; mount -t tmpfs t /tmp && echo mounted"]))
        #expect(result.status == 0, "\(result)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 5, "\(result)")
        #expect(Array(lines.prefix(3)) == ["0", "rootless", "1"], "\(result)")
        #expect(lines.last == "mounted")
    }

    @Test func rootlessWithoutAUserNamespaceIsRefusedWithAHint() throws {
        try #require(isRoot, "switching to nobody needs root")
        let result = try run(asNobody([Package.xunshare, "--mount", "true"]))
        #expect(result.status == 125)
        #expect(result.stderrLines == ["xunshare: cannot create new mount namespace: Operation not permitted",
                                       "hint: run as root, or add --user --map-root-user"])
    }

    @Test func mapCurrentUser() throws {
        try #require(isRoot, "switching to nobody needs root")
        let result = try run(asNobody([Package.xunshare, "-c", "sh", "-c", Self.showMaps]))
        #expect(Self.squeezed(result.stdout) == ["65534 65534 1", "65534 65534 1", "deny", "65534", "65534"], "\(result)")
    }

    @Test func mapUserAndGroupByNumberAndName() throws {
        try #require(isRoot, "switching to nobody needs root")
        let result = try run(asNobody([Package.xunshare, "--map-user=daemon", "--map-group=42", "sh", "-c", Self.showMaps]))
        #expect(result.status == 0, "\(result)")
        #expect(Self.squeezed(result.stdout) == ["1 65534 1", "42 65534 1", "deny", "1", "42"], "\(result)")
        // Without --map-group the gid stays unmapped.
        let userOnly = try run(asNobody([Package.xunshare, "--map-user=7", "sh", "-c", "cat /proc/self/uid_map /proc/self/setgroups; id -u; id -g"]))
        #expect(Self.squeezed(userOnly.stdout) == ["7 65534 1", "allow", "7", "65534"], "\(userOnly)")
    }

    @Test func rangesAsRootAreWrittenDirectly() throws {
        let result = try run([Package.xunshare, "--map-users=0:100000:1000", "--map-users=1000:0:1", "--map-groups=100000,0,1000",
                              "sh", "-c", "cat /proc/self/uid_map /proc/self/gid_map"])
        #expect(result.status == 0, "\(result)")
        #expect(Self.squeezed(result.stdout) == ["0 100000 1000", "1000 0 1", "0 100000 1000"], "\(result)")
    }

    @Test func rootCanAllowSetgroupsWithItsOwnGID() throws {
        let result = try run([Package.xunshare, "-r", "--setgroups=allow", "sh", "-c", "cat /proc/self/setgroups /proc/self/gid_map"])
        #expect(result.status == 0, "\(result)")
        #expect(Self.squeezed(result.stdout) == ["allow", "0 0 1"], "\(result)")
        let denied = try run([Package.xunshare, "--user", "--setgroups=deny", "cat", "/proc/self/setgroups"])
        #expect(denied.stdout == "deny\n", "\(denied)")
    }

    /// newuidmap/newgidmap with ranges from /etc/subuid and /etc/subgid,
    /// which are bind-mounted for the test in a mount namespace of its own.
    func withDelegation(_ command: [String]) throws -> Outcome {
        try #require(isRoot, "switching to nobody needs root")
        let dir = try TemporaryDirectory()
        try "nobody:100000:65536\n".write(toFile: dir.file("subuid"), atomically: true, encoding: .utf8)
        try "65534:200000:65536\n".write(toFile: dir.file("subgid"), atomically: true, encoding: .utf8)
        let script = "mount --bind \(dir.file("subuid")) /etc/subuid && mount --bind \(dir.file("subgid")) /etc/subgid && exec \"$@\""
        return try run(inPrivateMountNamespace(["sh", "-c", script, "sh"] + asNobody(command)))
    }

    @Test func mapAutoWithMapRootUserLikeTheUtilLinuxExample() throws {
        let result = try withDelegation([Package.xunshare, "--user", "--map-auto", "--map-root-user", "sh", "-c", Self.showMaps])
        #expect(result.status == 0, "\(result)")
        #expect(Self.squeezed(result.stdout) == ["0 65534 1", "1 100000 65535", "0 65534 1", "1 200000 65535", "allow", "0", "0"], "\(result)")
    }

    @Test func delegatedRangesThroughNewuidmap() throws {
        let result = try withDelegation([Package.xunshare, "--map-users=0:100000:10", "--map-users=10:100010:5", "--map-users=auto",
                                         "sh", "-c", "cat /proc/self/uid_map"])
        // auto (0:100000:65536) overlaps the others.
        #expect(result.status == 125)
        #expect(result.stderrLines.first == "xunshare: --map-users ranges overlap: 0-9 to 100000-100009 and 0-65535 to 100000-165535", "\(result)")
        let good = try withDelegation([Package.xunshare, "--map-users=0:100000:10", "--map-users=10:100010:5", "--map-current-user",
                                       "sh", "-c", "cat /proc/self/uid_map; id -u"])
        #expect(good.status == 0, "\(good)")
        #expect(Self.squeezed(good.stdout) == ["65534 65534 1", "0 100000 10", "10 100010 5", "65534"], "\(good)")
    }

    @Test func undelegatedRangesAreRefusedBeforeAnythingIsCreated() throws {
        let result = try withDelegation([Package.xunshare, "--map-users=0:300000:10", "true"])
        #expect(result.status == 125)
        #expect(result.stderrLines == [
            "xunshare: cannot map uids 0-9 to 300000-300009: /etc/subuid does not delegate them to 'nobody'",
            "hint: map only your own id (--map-root-user), use --map-users=auto, or ask root to delegate a range in /etc/subuid",
        ], "\(result)")
        try #require(isRoot)
        let missing = try run(asNobody([Package.xunshare, "--map-auto", "true"]))
        #expect(missing.status == 125)
        #expect(missing.stderrLines.first == "xunshare: --map-users=auto: no range for 'nobody' in /etc/subuid", "\(missing)")
    }

    @Test func setuidAndSetgid() throws {
        let result = try run([Package.xunshare, "--map-users=0:0:65536", "--map-groups=0:0:65536", "-S", "1000", "-G", "1000",
                              "sh", "-c", "id -u; id -g; id -G; grep CapEff /proc/self/status"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "1000\n1000\n1000\nCapEff:\t0000000000000000\n", "\(result)")
    }

    @Test func keepCapsKeepsTheNamespacesCapabilities() throws {
        try #require(isRoot, "switching to nobody needs root")
        // As an ordinary uid inside, COMMAND would lose every capability.
        let without = try run(asNobody([Package.xunshare, "-c", "grep", "^CapEff", "/proc/self/status"]))
        #expect(without.stdout == "CapEff:\t0000000000000000\n", "\(without)")
        let with = try run(asNobody([Package.xunshare, "-c", "--keep-caps", "sh", "-c", "id -u; grep -E '^Cap(Eff|Amb)' /proc/self/status"]))
        #expect(with.status == 0, "\(with)")
        let lines = with.stdout.split(separator: "\n")
        #expect(lines.first == "65534", "\(with)")
        #expect(lines.dropFirst().allSatisfy { !$0.hasSuffix("0000000000000000") } && lines.count == 3, "\(with)")
        let asRoot = try run([Package.xunshare, "--map-users=0:0:65536", "--map-groups=0:0:65536", "-S", "1000", "--keep-caps",
                              "grep", "^CapAmb", "/proc/self/status"])
        #expect(asRoot.status == 0 && !asRoot.stdout.hasSuffix("0000000000000000\n"), "\(asRoot)")
    }

    @Test func rootAndWorkingDirectory() throws {
        let root = try BusyboxRoot()
        let result = try run([Package.xunshare, "-R", root.path, "-w", "/etc", "sh", "-c", "pwd; cat marker"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "/etc\ninside the busybox root\n")
        let wd = try run([Package.xunshare, "--wd=/tmp", "pwd"])
        #expect(wd.stdout == "/tmp\n")
        // --mount-proc mounts inside the new root.
        let proc = try run([Package.xunshare, "--root=\(root.path)", "--pid", "--fork", "--mount-proc", "sh", "-c", "readlink /proc/self"])
        #expect(proc.stdout == "1\n", "\(proc)")
    }
}
