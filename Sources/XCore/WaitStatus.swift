import CLinux
import Glibc

/// How a child process ended, decoded from waitpid(2)'s status word (the
/// W* macros are not imported into Swift). Pure, so it is unit-tested.
public enum WaitStatus: Equatable, Sendable {
    case exited(Int32)
    case signaled(Int32, coreDumped: Bool)

    public init(raw: Int32) {
        let signal = raw & 0x7f
        if signal == 0 {
            self = .exited((raw >> 8) & 0xff)
        } else {
            self = .signaled(signal, coreDumped: raw & 0x80 != 0)
        }
    }

    /// The status word again, for passing it on (see `ReportPipe`).
    public var raw: Int32 {
        switch self {
        case .exited(let code): return (code & 0xff) << 8
        case .signaled(let signal, let core): return signal | (core ? 0x80 : 0)
        }
    }

    /// The status a shell reports: the exit code, or 128 + the signal.
    public var shellStatus: Int32 {
        switch self {
        case .exited(let code): return code
        case .signaled(let signal, _): return 128 + signal
        }
    }

    /// Ends this process the way the child ended, so that whoever waits for
    /// us sees the same: the same exit code, or a death by the same signal
    /// (default disposition, unblocked, without a core dump of our own).
    public func endProcess() -> Never {
        switch self {
        case .exited(let code):
            exit(code)
        case .signaled(let signal, _):
            Trace.isTracing ? Trace.line("re-raising \(SignalNames.name(of: signal)) (the child's death)") : ()
            _ = xns_disable_core_dumps()
            Glibc.signal(signal, SIG_DFL)
            var set = sigset_t()
            sigemptyset(&set)
            sigaddset(&set, signal)
            sigprocmask(SIG_UNBLOCK, &set, nil)
            kill(getpid(), signal)
            // Still here: the signal cannot kill us (PID 1 of a namespace).
            exit(shellStatus)
        }
    }
}
