import Foundation
import Testing

/// --userspec, --groups, --drop-caps, --keep-caps and --no-new-privs.
@Suite struct XchrootIdentityTests {
    @Test func userspecNamesComeFromTheNewRoot() throws {
        // alice (1000) and staff (50) exist only in the busybox root.
        let root = try BusyboxRoot()
        let result = try run([Package.xchroot, "--userspec=alice", root.path, "/bin/id"])
        #expect(result.stdout == "uid=1000(alice) gid=1000(alice) groups=10(wheel),50(staff),1000(alice)\n", "\(result)")
        let withGroup = try run([Package.xchroot, "--userspec=alice:staff", root.path, "/bin/id"])
        // initgroups(3) semantics: the given group and the groups that list alice.
        #expect(withGroup.stdout == "uid=1000(alice) gid=50(staff) groups=10(wheel),50(staff)\n", "\(withGroup)")
    }

    @Test func groupsSetsTheSupplementaryGroups() throws {
        let root = try BusyboxRoot()
        let result = try run([Package.xchroot, "--userspec=alice:alice", "--groups=staff,4242", root.path, "/bin/id", "-G"])
        #expect(result.stdout == "1000 50 4242\n", "\(result)")
    }

    @Test func numericIdsNeedNoEntry() throws {
        let root = try BusyboxRoot()
        let result = try run([Package.xchroot, "--userspec=4242:4343", root.path, "/bin/sh", "-c", "id -u; id -g; id -G"])
        #expect(result.stdout == "4242\n4343\n4343\n", "\(result)")
    }

    @Test func unknownNamesAreOneLineAnd125() throws {
        let root = try BusyboxRoot()
        let user = try run([Package.xchroot, "--userspec=mallory", root.path, "/bin/true"])
        #expect(user.status == 125)
        #expect(user.stderrLines == ["xchroot: invalid user 'mallory' in --userspec: no such user in the new root's /etc/passwd"])
        let group = try run([Package.xchroot, "--userspec=alice:nope", root.path, "/bin/true"])
        #expect(group.status == 125)
        #expect(group.stderrLines == ["xchroot: invalid group 'nope' in --userspec: no such group in the new root's /etc/group"])
        let unknownUID = try run([Package.xchroot, "--userspec=4242", root.path, "/bin/true"])
        #expect(unknownUID.status == 125)
        #expect(unknownUID.stderrLines.first == "xchroot: no group for user '4242' in --userspec")
    }

    @Test func aSymlinkedPasswdCannotPointAtTheHost() throws {
        // /etc/passwd -> /etc/passwd-inside must resolve inside the root.
        let root = try BusyboxRoot()
        try FileManager.default.moveItem(atPath: root.path + "/etc/passwd", toPath: root.path + "/etc/passwd-inside")
        try FileManager.default.createSymbolicLink(atPath: root.path + "/etc/passwd", withDestinationPath: "/etc/passwd-inside")
        let result = try run([Package.xchroot, "--userspec=alice", root.path, "/bin/id", "-u"])
        #expect(result.stdout == "1000\n", "\(result)")
    }

    @Test func dropCapsEmptiesEverySet() throws {
        let result = try run([Package.xchroot, "--drop-caps", "/", "/bin/grep", "^Cap", "/proc/self/status"])
        #expect(result.status == 0, "\(result)")
        let zero = "0000000000000000"
        #expect(result.stdout == "CapInh:\t\(zero)\nCapPrm:\t\(zero)\nCapEff:\t\(zero)\nCapBnd:\t\(zero)\nCapAmb:\t\(zero)\n")
    }

    @Test func keepCapsKeepsOnlyTheListEvenForAnOrdinaryUser() throws {
        // cap_net_bind_service is bit 10 (0x400); cap_kill is bit 5 (0x20).
        let asRoot = try run([Package.xchroot, "--keep-caps=net_bind_service", "/", "/bin/grep", "^Cap[EB]", "/proc/self/status"])
        #expect(asRoot.stdout == "CapEff:\t0000000000000400\nCapBnd:\t0000000000000400\n", "\(asRoot)")
        let asUser = try run([Package.xchroot, "--userspec=65534:65534", "--keep-caps=CAP_NET_BIND_SERVICE,kill", "/",
                              "/bin/grep", "^Cap", "/proc/self/status"])
        #expect(asUser.stdout == "CapInh:\t0000000000000420\nCapPrm:\t0000000000000420\nCapEff:\t0000000000000420\nCapBnd:\t0000000000000420\nCapAmb:\t0000000000000420\n", "\(asUser)")
    }

    @Test func badCapabilityListIs125() throws {
        let result = try run([Package.xchroot, "--keep-caps=net_bind_service,bogus", "/", "/bin/true"])
        #expect(result.status == 125)
        #expect(result.stderrLines.first == "xchroot: unknown capability 'bogus' in --keep-caps")
        let both = try run([Package.xchroot, "--keep-caps=kill", "--drop-caps", "/", "/bin/true"])
        #expect(both.status == 125)
        #expect(both.stderrLines.first == "xchroot: --drop-caps and --keep-caps exclude each other")
    }

    @Test func noNewPrivsIsSet() throws {
        let result = try run([Package.xchroot, "--no-new-privs", "/", "/bin/grep", "^NoNewPrivs", "/proc/self/status"])
        #expect(result.stdout == "NoNewPrivs:\t1\n", "\(result)")
        let without = try run([Package.xchroot, "/", "/bin/grep", "^NoNewPrivs", "/proc/self/status"])
        #expect(without.stdout == "NoNewPrivs:\t0\n", "\(without)")
    }

    @Test func rootlessDropCapsInsideAUserNamespace() throws {
        try #require(isRoot, "switching to nobody needs root")
        let result = try run(rootless([Package.xchroot, "--drop-caps", "/", "/bin/grep", "^CapEff", "/proc/self/status"]))
        #expect(result.stdout == "CapEff:\t0000000000000000\n", "\(result)")
    }
}
