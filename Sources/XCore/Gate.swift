import CLinux
import Glibc

/// A one-shot signal from a parent to a child it forked, over a pipe: the
/// child blocks until the parent opens the gate, or learns that the parent
/// gave up (the pipe closes without a byte, also when the parent dies).
/// Never a sleep: the child proceeds the moment it may.
public final class Gate {
    private var readEnd: Int32
    private var writeEnd: Int32

    /// Create before fork(2); both processes then hold both ends.
    public init() throws(XError) {
        var fds: [Int32] = [-1, -1]
        try systemCall("pipe2", "[…], O_CLOEXEC", changesState: false) {
            fds.withUnsafeMutableBufferPointer { xns_pipe2($0.baseAddress!, O_CLOEXEC) }
        }.orThrow("cannot create a pipe")
        readEnd = fds[0]
        writeEnd = fds[1]
    }

    deinit {
        if readEnd >= 0 { close(readEnd) }
        if writeEnd >= 0 { close(writeEnd) }
    }

    /// In the child: waits. True when the gate was opened, false when the
    /// parent closed it or died.
    public func wait() -> Bool {
        closeEnd(&writeEnd)
        var byte: UInt8 = 0
        var n: Int
        repeat { n = read(readEnd, &byte, 1) } while n < 0 && errno == EINTR
        closeEnd(&readEnd)
        return n == 1
    }

    /// In the parent: lets the child go on.
    public func open() {
        closeEnd(&readEnd)
        var byte: UInt8 = 1
        var n: Int
        repeat { n = write(writeEnd, &byte, 1) } while n < 0 && errno == EINTR
        closeEnd(&writeEnd)
    }

    /// In the parent: tells the child to give up.
    public func shut() {
        closeEnd(&readEnd)
        closeEnd(&writeEnd)
    }

    private func closeEnd(_ fd: inout Int32) {
        if fd >= 0 { close(fd) }
        fd = -1
    }
}
