import Glibc

/// A forked child and what its parent does with it: wait for it, signal it,
/// and get rid of it when a later step fails. Swift's fork() is safe here
/// because every tool is single-threaded (CONVENTIONS.md); between fork and
/// exec the child still keeps to simple system calls where it can.
public struct ChildProcess: Equatable, Sendable {
    public let pid: pid_t

    public init(pid: pid_t) {
        self.pid = pid
    }

    /// fork(2), with stdio flushed first so no buffered text is written
    /// twice. Returns the child in the parent and nil in the child. In a dry
    /// run nothing is forked and the caller goes on as the child would.
    public static func fork() throws(XError) -> ChildProcess? {
        fflush(nil)
        let result = systemCall("fork", "", dryRunValue: 0) { Glibc.fork() }
        let pid = try result.orThrow("cannot fork a child process", hint: "the process limit (ulimit -u) may be reached")
        return pid == 0 ? nil : ChildProcess(pid: pid)
    }

    /// waitpid(2) until the child has ended.
    public func wait() throws(XError) -> WaitStatus {
        var status: Int32 = 0
        while true {
            let result = systemCall("wait4", "\(pid), …, 0, NULL", changesState: false) { waitpid(pid, &status, 0) }
            if !result.failed { return WaitStatus(raw: status) }
            if result.errno != EINTR { throw XError.step("cannot wait for process", String(pid), errno: result.errno) }
        }
    }

    /// waitpid(2) without blocking: nil while the child is still running.
    public func poll() -> WaitStatus? {
        var status: Int32 = 0
        return waitpid(pid, &status, WNOHANG) == pid ? WaitStatus(raw: status) : nil
    }

    /// kill(2); a child that is already gone is not an error.
    public func send(_ signal: Int32) {
        systemCall("kill", "\(pid), \(SignalNames.name(of: signal))") { kill(pid, signal) }
    }

    /// For a step that failed after the fork: the child must not outlive it.
    public func killAndReap() {
        send(SIGKILL)
        _ = try? wait()
    }
}
