import CLinux
import Foundation
import Glibc
import Testing
@testable import XCore

/// The capability rule of execve(2) that decides whether the next link may
/// run in-process (ExecElision): only where exec would change nothing.
@Suite struct ExecCredentialsTests {
    static let all: UInt64 = (1 << 41) - 1
    static let sysAdmin: UInt64 = 1 << 21
    static let netBindService: UInt64 = 1 << 10

    func credentials(effective: UInt64 = 0, permitted: UInt64 = 0, inheritable: UInt64 = 0,
                     bounding: UInt64 = all, ambient: UInt64 = 0, securebits: Int32 = 0,
                     uids: (uid_t, uid_t, uid_t) = (0, 0, 0), gids: (gid_t, gid_t, gid_t) = (0, 0, 0)) -> ExecCredentials {
        ExecCredentials(effective: effective, permitted: permitted, inheritable: inheritable, bounding: bounding,
                        ambient: ambient, securebits: securebits, uids: uids, gids: gids)
    }

    @Test func rootWithEveryCapabilityKeepsThem() {
        // A root shell, or root in a user namespace it maps (--map-root-user).
        #expect(credentials(effective: Self.all, permitted: Self.all).survivesExec)
    }

    @Test func rootWithFewerCapabilitiesThanItsBoundingSetRegainsThem() {
        // exec gives root its whole bounding set back.
        let dropped = credentials(effective: Self.sysAdmin, permitted: Self.sysAdmin)
        #expect(!dropped.survivesExec)
        #expect(dropped.afterExec.permitted == Self.all)
        #expect(dropped.afterExec.effective == Self.all)
    }

    @Test func rootWithAShrunkBoundingSetKeepsWhatItHas() {
        // xchroot --drop-caps as root: every set empty, bounding too.
        #expect(credentials(bounding: 0).survivesExec)
        #expect(credentials(effective: Self.sysAdmin, permitted: Self.sysAdmin, bounding: Self.sysAdmin).survivesExec)
    }

    @Test func theAmbientSetOfRootIsCleared() {
        let ambient = credentials(effective: Self.all, permitted: Self.all, inheritable: Self.netBindService,
                                  ambient: Self.netBindService)
        #expect(!ambient.survivesExec)
        #expect(ambient.afterExec.ambient == 0)
    }

    @Test func anUnmappedUserLosesTheCapabilitiesOfANewUserNamespace() {
        // unshare(CLONE_NEWUSER) without a mapping: every capability, uid 65534.
        let fresh = credentials(effective: Self.all, permitted: Self.all, uids: (65534, 65534, 65534), gids: (65534, 65534, 65534))
        #expect(!fresh.survivesExec)
        #expect(fresh.afterExec.permitted == 0)
        #expect(fresh.afterExec.effective == 0)
    }

    @Test func anOrdinaryUserKeepsNothingButAmbient() {
        let nobody = (uid_t(65534), uid_t(65534), uid_t(65534))
        #expect(credentials(uids: nobody).survivesExec)
        // xchroot --userspec=nobody --keep-caps=net_bind_service: ambient carries it.
        #expect(credentials(effective: Self.netBindService, permitted: Self.netBindService, inheritable: Self.netBindService,
                            ambient: Self.netBindService, uids: nobody).survivesExec)
        #expect(!credentials(effective: Self.netBindService, permitted: Self.netBindService, uids: nobody).survivesExec)
    }

    @Test func savedIdsFollowTheEffectiveOnes() {
        let mixed = credentials(uids: (1000, 1000, 0), gids: (1000, 1000, 1000))
        #expect(!mixed.survivesExec)
        #expect(mixed.afterExec.uids.saved == 1000)
    }

    @Test func keepCapsIsClearedByExec() {
        #expect(!credentials(effective: Self.all, permitted: Self.all, securebits: xns_SECBIT_KEEP_CAPS).survivesExec)
    }

    @Test func noRootMakesRootAnOrdinaryUser() {
        let noRoot = credentials(effective: Self.all, permitted: Self.all, securebits: xns_SECBIT_NOROOT)
        #expect(!noRoot.survivesExec)
        #expect(noRoot.afterExec.permitted == 0)
    }

    @Test func theCurrentProcessCanBeRead() throws {
        let current = try #require(ExecCredentials.current())
        var ruid: uid_t = 0, euid: uid_t = 0, suid: uid_t = 0
        _ = xns_getresuid(&ruid, &euid, &suid)
        #expect(current.uids == (ruid, euid, suid))
        #expect(current.bounding != 0 || getuid() != 0)
        // The sets as the kernel shows them (the ambient set is asked about
        // only within permitted ∩ inheritable, where the kernel keeps it).
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        func set(_ name: String) -> UInt64? {
            status.split(separator: "\n").first { $0.hasPrefix(name + ":") }
                .flatMap { UInt64($0.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces), radix: 16) }
        }
        #expect(set("CapBnd") == current.bounding && set("CapAmb") == current.ambient
                && set("CapPrm") == current.permitted && set("CapInh") == current.inheritable, "\(status)")
    }
}
