import Glibc

/// A one-shot signal from one process to another it forked (or that forked
/// it), over a pipe: the waiting side blocks until the gate is opened, or
/// learns that the other side gave up (the pipe closes without a byte, also
/// when that process dies). Never a sleep: the waiter goes on the moment it may.
public final class Gate {
    private let pipe: Pipe

    /// Create before fork(2); both processes then hold both ends.
    public init() throws(XError) {
        pipe = try Pipe()
    }

    /// Waits. True when the gate was opened, false when the other side
    /// closed it or died.
    public func wait() -> Bool {
        pipe.closeWriteEnd()
        var byte: UInt8 = 0
        var n: Int
        repeat { n = read(pipe.readEnd, &byte, 1) } while n < 0 && errno == EINTR
        pipe.closeReadEnd()
        return n == 1
    }

    /// Lets the waiting side go on.
    public func open() {
        pipe.closeReadEnd()
        var byte: UInt8 = 1
        var n: Int
        repeat { n = write(pipe.writeEnd, &byte, 1) } while n < 0 && errno == EINTR
        pipe.closeWriteEnd()
    }

    /// Tells the waiting side to give up.
    public func shut() {
        pipe.closeReadEnd()
        pipe.closeWriteEnd()
    }
}
