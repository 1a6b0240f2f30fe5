import CLinux
import Glibc

/// pipe2(2) with O_CLOEXEC, created before fork(2) so that parent and child
/// each keep the end they use and close the other: end of file then means
/// the other side is done (or dead).
final class Pipe {
    private(set) var readEnd: Int32
    private(set) var writeEnd: Int32

    init() throws(XError) {
        var fds: [Int32] = [-1, -1]
        try systemCall("pipe2", "[…], O_CLOEXEC", changesState: false) {
            fds.withUnsafeMutableBufferPointer { xns_pipe2($0.baseAddress!, O_CLOEXEC) }
        }.orThrow("cannot create a pipe")
        readEnd = fds[0]
        writeEnd = fds[1]
    }

    deinit {
        closeReadEnd()
        closeWriteEnd()
    }

    func closeReadEnd() {
        if readEnd >= 0 { close(readEnd) }
        readEnd = -1
    }

    func closeWriteEnd() {
        if writeEnd >= 0 { close(writeEnd) }
        writeEnd = -1
    }
}
