import Glibc
import Testing
@testable import XCore

/// Wait statuses, signal names and namespace kinds: the pure parts of
/// forking, waiting and unsharing.
@Suite struct ProcessTests {
    @Test func decodesWaitStatuses() {
        #expect(WaitStatus(raw: 0) == .exited(0))
        #expect(WaitStatus(raw: 42 << 8) == .exited(42))
        #expect(WaitStatus(raw: 255 << 8) == .exited(255))
        #expect(WaitStatus(raw: SIGTERM) == .signaled(SIGTERM, coreDumped: false))
        #expect(WaitStatus(raw: SIGSEGV | 0x80) == .signaled(SIGSEGV, coreDumped: true))
        for status in [WaitStatus.exited(0), .exited(7), .exited(255), .signaled(SIGKILL, coreDumped: false), .signaled(SIGABRT, coreDumped: true)] {
            #expect(WaitStatus(raw: status.raw) == status)
        }
        #expect(WaitStatus.exited(3).shellStatus == 3)
        #expect(WaitStatus.signaled(SIGTERM, coreDumped: false).shellStatus == 143)
    }

    @Test func signalNamesBothWays() {
        for text in ["TERM", "SIGTERM", "term", "SigTerm", "15"] {
            #expect(SignalNames.number(text) == SIGTERM, "\(text)")
        }
        #expect(SignalNames.number("KILL") == SIGKILL)
        #expect(SignalNames.number("WINCH") == SIGWINCH)
        for text in ["", "SIG", "BOGUS", "0", "-1", "65", "1x"] {
            #expect(SignalNames.number(text) == nil, "\(text)")
        }
        #expect(SignalNames.name(of: SIGKILL) == "SIGKILL")
        #expect(SignalNames.name(of: SIGUSR1) == "SIGUSR1")
    }

    @Test func namespaceKinds() {
        #expect(NamespaceKind.allCases.count == 8)
        #expect(Set(NamespaceKind.allCases.map(\.cloneFlag)).count == 8)
        #expect(NamespaceKind.mount.procName == "mnt")
        #expect(NamespaceKind.net.procName == "net")
        #expect(NamespaceKind.pid.unsharedProcName == "pid_for_children")
        #expect(NamespaceKind.time.unsharedProcName == "time_for_children")
        #expect(NamespaceKind.uts.unsharedProcName == "uts")
        #expect(NamespaceKind.mount.optionName == "--mount")
        #expect(NamespaceKind.user.limitSysctl == "user.max_user_namespaces")
        #expect(NamespaceKind.mount.limitSysctl == "user.max_mnt_namespaces")
        let flags = NamespaceKind.flags([.pid, .mount, .user])
        // strace's order: by bit value.
        #expect(NamespaceKind.traceFlags(flags) == "CLONE_NEWNS|CLONE_NEWUSER|CLONE_NEWPID")
        #expect(NamespaceKind.traceFlags(NamespaceKind.flags(NamespaceKind.allCases))
                == "CLONE_NEWTIME|CLONE_NEWNS|CLONE_NEWCGROUP|CLONE_NEWUTS|CLONE_NEWIPC|CLONE_NEWUSER|CLONE_NEWPID|CLONE_NEWNET")
    }

    @Test func unshareHintsNameTheFix() {
        #expect(Unshare.hint(for: EPERM, kinds: [.mount], hasSysAdmin: false) == "run as root, or add --user --map-root-user")
        // Root was refused: not "run as root".
        #expect(Unshare.hint(for: EPERM, kinds: [.mount], hasSysAdmin: true)?.hasPrefix("this process has CAP_SYS_ADMIN, so something else refused it") == true)
        #expect(Unshare.hint(for: ENOSPC, kinds: [.user, .net])?.contains("user.max_user_namespaces") == true)
        #expect(Unshare.hint(for: ENOSPC, kinds: [.net])?.contains("user.max_net_namespaces") == true)
        #expect(Unshare.hint(for: EINVAL, kinds: [.user])?.contains("single-threaded") == true)
    }
}
