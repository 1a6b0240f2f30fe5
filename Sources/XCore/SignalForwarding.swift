import CLinux
import Glibc

/// A parent that forked COMMAND stays between it and the world: the signals a
/// user sends to the parent (SIGINT, SIGTERM, SIGHUP, …) are passed on to the
/// child, and the parent ends when the child ends. As an init (PID 1 of a new
/// pid namespace) it also reaps every orphan that is handed to it.
///
/// The signals are blocked and read from a signalfd(2) instead of caught by
/// handlers: no Swift code runs in signal context, and a signal (SIGCHLD
/// included) that arrives before the wait loop starts stays pending until it
/// is read. Create the forwarder *before* forking.
public final class SignalForwarder {
    /// The signals a forking tool passes on to its child (CONVENTIONS.md).
    public static let forwarded: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGWINCH]

    private let descriptor: FileDescriptor
    private var previousMask = sigset_t()

    public init() throws(XError) {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in Self.forwarded + [SIGCHLD] { sigaddset(&set, signal) }
        let fd = systemCall("signalfd", "-1, [\(Self.forwarded.map(SignalNames.name).joined(separator: " ")) SIGCHLD], SFD_CLOEXEC",
                            changesState: false) {
            xns_signalfd(-1, &set, xns_SFD_CLOEXEC)
        }
        let raw = try fd.orThrow("cannot create a signalfd")
        descriptor = FileDescriptor(adopting: raw)
        sigprocmask(SIG_BLOCK, &set, &previousMask)
    }

    /// In the child, before exec: COMMAND gets the signal mask the tool had.
    public func restoreSignalMask() {
        sigprocmask(SIG_SETMASK, &previousMask, nil)
    }

    /// Passes signals on to `child` until it ends and returns how it ended.
    /// With `reapingOrphans` (an init), every other child that ends is
    /// reaped too, so that no zombie stays. With `followingStops`, a child
    /// that stops stops this process too (see `JobControl`).
    /// `stopSignal`: what SIGTERM and SIGINT become (an OS's init halts on
    /// its own signal: SIGRTMIN+3 for systemd). `console`: the child's
    /// pseudo-terminal, relayed while waiting; the child has a session of
    /// its own then, so the terminal's signals reach it only through here.
    /// `passesTerminalSignals`: the child is in a process group of its own,
    /// so a terminal's signals reach it only through here.
    public func supervise(_ child: ChildProcess, reapingOrphans: Bool, followingStops: Bool = false,
                          stopSignal: Int32? = nil, console: ConsoleRelay? = nil,
                          passesTerminalSignals: Bool = false) throws(XError) -> WaitStatus {
        console?.start()
        defer { console?.finish() }
        while true {
            if let status = reap(child, all: reapingOrphans, followingStops: followingStops) { return status }
            if let console {
                var descriptors = [pollfd(fd: descriptor.raw, events: Int16(POLLIN), revents: 0)] + console.pollRequests
                if poll(&descriptors, nfds_t(descriptors.count), -1) < 0 {
                    if errno == EINTR { continue }
                    throw XError("cannot wait for the console and the signals", errno: errno)
                }
                for entry in descriptors.dropFirst() where entry.revents != 0 { console.ready(entry) }
                if console.takeStopRequest() { child.send(stopSignal ?? SIGTERM) }
                if descriptors[0].revents == 0 { continue }
            }
            var code: Int32 = 0
            let signal = xns_signalfd_read(descriptor.raw, &code)
            if signal < 0 {
                if errno == EINTR { continue }
                throw XError("cannot read signals from the signalfd", errno: errno)
            }
            // A terminal's ^C (^\, hang-up) comes from the kernel to the whole
            // foreground process group, the child included: passing it on
            // would deliver it twice.
            if signal == SIGWINCH, let console {
                console.windowChanged()
                continue
            }
            if signal > 0 && signal != SIGCHLD && (code != xns_SI_KERNEL || console != nil || passesTerminalSignals) {
                child.send(signal == SIGTERM || signal == SIGINT ? stopSignal ?? signal : signal)
            }
        }
    }

    /// Reaps what has ended; returns `child`'s status once it has.
    private func reap(_ child: ChildProcess, all: Bool, followingStops: Bool) -> WaitStatus? {
        guard all else { return followingStops ? JobControl.poll(child) : child.poll() }
        var result: WaitStatus?
        var status: Int32 = 0
        while true {
            let pid = waitpid(-1, &status, WNOHANG)
            if pid <= 0 { break }
            if Trace.isTracing && pid != child.pid { Trace.line("reaped orphan \(pid)") }
            if pid == child.pid { result = WaitStatus(raw: status) }
        }
        return result
    }
}
