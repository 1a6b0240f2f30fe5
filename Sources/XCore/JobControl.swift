import Glibc

/// A forking tool stays between COMMAND and the shell that started it: when
/// COMMAND stops (SIGSTOP, SIGTSTP, …) the tool stops too, so that the shell
/// sees its job stopped; when the tool is continued (`fg`, `bg`, SIGCONT) it
/// continues COMMAND. util-linux nsenter's continue_as_child does the same.
public enum JobControl {
    /// The signal that stopped a process, from a waitpid(2) status word
    /// (WIFSTOPPED/WSTOPSIG); nil for any other status.
    public static func stopSignal(_ raw: Int32) -> Int32? {
        raw & 0xff == 0x7f ? (raw >> 8) & 0xff : nil
    }

    /// waitpid(2) without blocking, reporting stops: nil while `child` runs
    /// (or has stopped and been followed), its status once it has ended.
    static func poll(_ child: ChildProcess) -> WaitStatus? {
        var status: Int32 = 0
        guard waitpid(child.pid, &status, WNOHANG | WUNTRACED) == child.pid else { return nil }
        guard let signal = stopSignal(status) else { return WaitStatus(raw: status) }
        follow(child, stoppedBy: signal)
        return nil
    }

    /// The child stopped: stop this process too, and continue the child
    /// once this process is continued.
    static func follow(_ child: ChildProcess, stoppedBy signal: Int32) {
        if Trace.isTracing { Trace.line("process \(child.pid) stopped by \(SignalNames.name(of: signal)): stopping too") }
        kill(getpid(), SIGSTOP)
        child.send(SIGCONT)
    }
}
