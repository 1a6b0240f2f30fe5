import CLinux
import Glibc

/// How a forked child's console meets the caller (systemd-nspawn's
/// --console): `interactive`, the caller's terminal (raw) both ways;
/// `readOnly`, the child's output only; `passive`, a pseudo-terminal of its
/// own whose output is dropped; `pipe`, none: the child shares the caller's
/// stdin, stdout and stderr (xunshare's way without --console).
public enum ConsoleMode: String, CaseIterable, Sendable {
    case interactive, readOnly = "read-only", passive, pipe
}

/// The parent's end of --console, run inside SignalForwarder's wait loop:
/// what the child writes on its terminal goes to stdout, what the caller
/// types goes to the child, and the window size follows the caller's. The
/// caller's terminal is raw for the run (^C goes to the child as a byte) and
/// restored at the end; ^] three times in a row asks the child to stop, as
/// SIGTERM to xunshare does.
public final class ConsoleRelay {
    public let mode: ConsoleMode
    public let terminal: PseudoTerminal
    private var saved: termios?
    private var readsInput: Bool
    /// Typed, not yet taken by the child's terminal: the master is
    /// non-blocking, so a child that stops reading never blocks this loop
    /// (and with it the signals); the caller's input waits meanwhile.
    private var pendingInput: [UInt8] = []
    private static let inputLimit = 64 << 10
    /// stdout's reader went away (EPIPE): the output is dropped from then on.
    private var outputClosed = false
    private var escapes = 0
    /// ^]^]^] was typed.
    private var stopRequested = false

    public init(mode: ConsoleMode, terminal: PseudoTerminal) {
        self.mode = mode
        self.terminal = terminal
        readsInput = mode == .interactive
    }

    /// Before the wait loop: the window size, raw mode on the caller's
    /// terminal, and no death by SIGPIPE when stdout's reader goes (the
    /// child would be left running).
    public func start() {
        signal(SIGPIPE, SIG_IGN)
        let master = terminal.master.raw
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
        if isatty(0) == 1 { windowChanged() }
        guard mode == .interactive, isatty(0) == 1 else { return }
        var attributes = termios()
        guard tcgetattr(0, &attributes) == 0 else { return }
        saved = attributes
        cfmakeraw(&attributes)
        tcsetattr(0, TCSANOW, &attributes)
    }

    public func windowChanged() {
        _ = xns_copy_window_size(0, terminal.master.raw)
    }

    /// What to wait for besides the signalfd.
    public var pollRequests: [pollfd] {
        var master = pollfd(fd: terminal.master.raw, events: Int16(POLLIN), revents: 0)
        if !pendingInput.isEmpty { master.events |= Int16(POLLOUT) }
        var requests = [master]
        if readsInput && pendingInput.count < Self.inputLimit { requests.append(pollfd(fd: 0, events: Int16(POLLIN), revents: 0)) }
        return requests
    }

    /// One descriptor is ready (readable, writable or hung up).
    public func ready(_ request: pollfd) {
        if request.fd == 0 {
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = buffer.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            guard count > 0 else { readsInput = false; return }
            for byte in buffer[0..<count] {
                escapes = byte == 0x1d ? escapes + 1 : 0
                if escapes == 3 { stopRequested = true; escapes = 0 }
            }
            pendingInput += buffer[0..<count]
            flushInput()
            return
        }
        if request.revents & Int16(POLLOUT) != 0 { flushInput() }
        if request.revents & Int16(POLLIN | POLLHUP) != 0 { relayOutput() }
    }

    /// Whether ^]^]^] was typed since the last call.
    public func takeStopRequest() -> Bool {
        defer { stopRequested = false }
        return stopRequested
    }

    /// After the child has ended: what it wrote last, then the caller's terminal back.
    public func finish() {
        relayOutput()
        if var saved { tcsetattr(0, TCSANOW, &saved) }
        saved = nil
    }

    /// What the master will take of the pending input now.
    private func flushInput() {
        let master = terminal.master.raw
        while !pendingInput.isEmpty {
            let written = pendingInput.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                if errno != EAGAIN { pendingInput = [] }   // the terminal is gone
                return
            }
            pendingInput.removeFirst(written)
        }
    }

    /// Everything the master holds now, to stdout (dropped when passive).
    private func relayOutput() {
        let master = terminal.master.raw
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }
            if mode != .passive && !outputClosed { writeOutput(buffer[0..<count]) }
        }
    }

    private func writeOutput(_ bytes: ArraySlice<UInt8>) {
        var rest = bytes
        while !rest.isEmpty {
            let written = rest.withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                outputClosed = errno == EPIPE || outputClosed
                return
            }
            rest = rest.dropFirst(written)
        }
    }
}
