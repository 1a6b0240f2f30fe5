import CLinux
import Glibc

/// util-linux's --kill-child: the child dies with its parent, through
/// PR_SET_PDEATHSIG. The setting takes effect only from the moment it is
/// made, so a parent that died before that would go unnoticed: the child
/// checks afterwards. getppid(2) cannot tell inside a new pid namespace (it
/// is 0 there), so the parent is watched through a pidfd opened before the
/// fork, which becomes readable when the parent ends.
public struct ParentDeathSignal {
    private let parentPID: pid_t
    private let parentHandle: FileDescriptor?

    /// In the parent, before fork(2).
    public init() {
        parentPID = getpid()
        let pid = parentPID
        let result = systemCall("pidfd_open", "\(pid), 0", changesState: false) { xns_pidfd_open(pid, 0) }
        // pidfd_open(2) sets O_CLOEXEC itself. Without it (Linux < 5.3) getppid must do.
        parentHandle = result.failed ? nil : FileDescriptor(adopting: result.value)
    }

    /// In the child: asks for `signal` when the parent dies, then makes sure
    /// it has not died already; if it has, the child gets the signal now.
    /// Credential changes clear the setting, so arm it after setuid/setgid.
    public func arm(_ signal: Int32) throws(XError) {
        try systemCall("prctl", "PR_SET_PDEATHSIG, \(SignalNames.name(of: signal))") { xns_set_pdeathsig(signal) }
            .orThrow("cannot ask for \(SignalNames.name(of: signal)) at the parent's death")
        guard !Trace.isDryRun, parentIsGone else { return }
        kill(getpid(), signal)
        _exit(ExitStatus.failure)
    }

    private var parentIsGone: Bool {
        if let parentHandle {
            var watch = pollfd(fd: parentHandle.raw, events: Int16(POLLIN), revents: 0)
            return Glibc.poll(&watch, 1, 0) > 0
        }
        let parent = getppid()
        // 0: the parent is outside our pid namespace; it cannot be told.
        return parent != 0 && parent != parentPID
    }
}
