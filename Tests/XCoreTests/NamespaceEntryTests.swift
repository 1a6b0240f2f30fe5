import Glibc
import Testing
@testable import XCore

/// The pure parts of entering namespaces: the order of the setns calls,
/// kernel versions, namespace types, the ids COMMAND gets, stop statuses,
/// the target's environment, and the words of the messages.
@Suite struct NamespaceEntryTests {
    @Test func theFirstPassLeavesTheUserNamespaceOut() {
        let steps = NamespaceEntry.steps(throughTarget: [.user, .mount, .net], single: [.uts], withUser: false)
        #expect(steps == [.target([.mount, .net]), .single(.uts)])
        // Nothing but the user namespace: the first pass has nothing to do.
        #expect(NamespaceEntry.steps(throughTarget: [.user], single: [], withUser: false) == [])
    }

    @Test func theSecondPassStartsWithTheUserNamespace() {
        // Through the pidfd the kernel enters the user namespace first itself.
        #expect(NamespaceEntry.steps(throughTarget: [.user, .net], single: [.uts], withUser: true)
                == [.target([.user, .net]), .single(.uts)])
        // From a FILE it is entered first, before the target's and the other FILEs.
        #expect(NamespaceEntry.steps(throughTarget: [.net], single: [.mount, .user, .cgroup], withUser: true)
                == [.single(.user), .target([.net]), .single(.cgroup), .single(.mount)])
    }

    @Test func singleNamespacesGoInUtilLinuxOrder() {
        let steps = NamespaceEntry.steps(throughTarget: [], single: Set(NamespaceKind.allCases), withUser: true)
        #expect(steps == NamespaceKind.allCases.map { .single($0) })
        #expect(NamespaceKind.allCases.map(\.rawValue) == ["user", "cgroup", "ipc", "uts", "net", "pid", "mount", "time"])
    }

    @Test func kernelVersions() {
        #expect(KernelVersion(release: "6.18.44-fc-v769") == KernelVersion(major: 6, minor: 18))
        #expect(KernelVersion(release: "5.8.0") == KernelVersion(major: 5, minor: 8))
        #expect(KernelVersion(release: "5.10") == KernelVersion(major: 5, minor: 10))
        #expect(KernelVersion(release: "4.19.0-26-amd64")?.description == "4.19")
        for bad in ["", "6", "linux", "x.y.z", ".5"] {
            #expect(KernelVersion(release: bad) == nil, "\(bad)")
        }
        #expect(KernelVersion(major: 5, minor: 7) < KernelVersion.setnsOnPidfd)
        #expect(KernelVersion(major: 5, minor: 10) >= KernelVersion.setnsOnPidfd)
        #expect(KernelVersion(major: 6, minor: 0) > KernelVersion(major: 5, minor: 19))
        #expect(KernelVersion.running != nil)
    }

    @Test func namespaceKindsFromTheirFlags() {
        for kind in NamespaceKind.allCases {
            #expect(NamespaceKind(cloneFlag: kind.cloneFlag) == kind)
        }
        #expect(NamespaceKind(cloneFlag: 0) == nil)
        #expect(NamespaceKind(cloneFlag: SIGCHLD) == nil)
    }

    @Test func namespacesInWords() {
        #expect(NamespaceEntry.describe([.net]) == "the net namespace")
        #expect(NamespaceEntry.describe([.mount, .user, .net]) == "the user, net, mount namespaces")
    }

    @Test func hintsNameTheFix() {
        #expect(NamespaceEntry.hint(for: EPERM, kinds: [.net], unprivileged: true)?.contains("-U, or --all") == true)
        #expect(NamespaceEntry.hint(for: EPERM, kinds: [.user, .net], unprivileged: true)?.contains("only the user who created it") == true)
        #expect(NamespaceEntry.hint(for: EINVAL, kinds: [.user], unprivileged: false)?.contains("leave out -U") == true)
        // Root refused a namespace FILE: no process to be protected from ptrace.
        #expect(NamespaceEntry.hint(for: EPERM, kinds: [.net], unprivileged: false, fromFile: true)?.hasPrefix("this process has CAP_SYS_ADMIN") == true)
        #expect(NamespaceEntry.hint(for: EPERM, kinds: [.net], unprivileged: false)?.contains("ptrace") == true)
        #expect(NamespaceEntry.hint(for: EUSERS, kinds: [.time], unprivileged: false)?.contains("single-threaded") == true)
        #expect(NamespaceEntry.hint(for: ENOMEM, kinds: [.net], unprivileged: false) == nil)
    }

    @Test func stopStatuses() {
        // WIFSTOPPED: 0x7f in the low byte, the signal above it.
        #expect(JobControl.stopSignal(SIGSTOP << 8 | 0x7f) == SIGSTOP)
        #expect(JobControl.stopSignal(SIGTSTP << 8 | 0x7f) == SIGTSTP)
        #expect(JobControl.stopSignal(0) == nil)
        #expect(JobControl.stopSignal(3 << 8) == nil)
        #expect(JobControl.stopSignal(SIGKILL) == nil)
    }

    @Test func theTargetsEnvironment() {
        let data = Array("A=1\0PATH=/bin:/usr/bin\0junk\0EMPTY=\0".utf8)
        #expect(TargetProcess.environmentEntries(data) == ["A=1", "PATH=/bin:/usr/bin", "EMPTY="].map { Array($0.utf8) })
        #expect(TargetProcess.environmentEntries([]) == [])
        // Bytes that are not UTF-8 stay as they are.
        #expect(TargetProcess.environmentEntries([0x4F, 0x3D, 0x61, 0xFF, 0x62, 0]) == [[0x4F, 0x3D, 0x61, 0xFF, 0x62]])
    }

    @Test func idsAfterEnteringFollowUtilLinux() {
        // A user namespace entered: 0/0 unless preserved or chosen.
        let defaults = EntryCredentials(uid: nil, gid: nil, entersUserNamespace: true, preserve: false)
        #expect(defaults.targetUID == 0 && defaults.targetGID == 0)
        let preserved = EntryCredentials(uid: nil, gid: nil, entersUserNamespace: true, preserve: true)
        #expect(preserved.targetUID == nil && preserved.targetGID == nil)
        let chosen = EntryCredentials(uid: 1000, gid: nil, entersUserNamespace: true, preserve: true)
        #expect(chosen.targetUID == 1000 && chosen.targetGID == nil)
        // No user namespace: nothing changes unless asked for.
        let plain = EntryCredentials(uid: nil, gid: 50, entersUserNamespace: false, preserve: false)
        #expect(plain.targetUID == nil && plain.targetGID == 50)
    }
}
