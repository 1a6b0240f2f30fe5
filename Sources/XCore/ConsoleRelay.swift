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
    private var escapes = 0
    /// ^]^]^] was typed.
    private var stopRequested = false

    public init(mode: ConsoleMode, terminal: PseudoTerminal) {
        self.mode = mode
        self.terminal = terminal
        readsInput = mode == .interactive
    }

    /// Before the wait loop: the window size, and raw mode on the caller's terminal.
    public func start() {
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

    /// The descriptors to wait on besides the signalfd.
    public var pollDescriptors: [Int32] {
        readsInput ? [terminal.master.raw, 0] : [terminal.master.raw]
    }

    /// One descriptor is readable (or hung up).
    public func readable(_ fd: Int32) {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if fd == 0 {
            guard count > 0 else { readsInput = false; return }
            for byte in buffer[0..<count] {
                escapes = byte == 0x1d ? escapes + 1 : 0
                if escapes == 3 { stopRequested = true; escapes = 0 }
            }
            writeAll(terminal.master.raw, buffer[0..<count])
        } else if count > 0, mode != .passive {
            writeAll(1, buffer[0..<count])
        }
    }

    /// Whether ^]^]^] was typed since the last call.
    public func takeStopRequest() -> Bool {
        defer { stopRequested = false }
        return stopRequested
    }

    /// After the child has ended: what it wrote last, then the caller's terminal back.
    public func finish() {
        let master = terminal.master.raw
        let flags = fcntl(master, F_GETFL)
        _ = fcntl(master, F_SETFL, flags | O_NONBLOCK)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            if mode != .passive { writeAll(1, buffer[0..<count]) }
        }
        if var saved { tcsetattr(0, TCSANOW, &saved) }
        saved = nil
    }

    private func writeAll(_ fd: Int32, _ bytes: ArraySlice<UInt8>) {
        var rest = bytes
        while !rest.isEmpty {
            let written = rest.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written < 0 { if errno == EINTR { continue }; return }
            rest = rest.dropFirst(written)
        }
    }
}
