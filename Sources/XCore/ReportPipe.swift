import Glibc

/// A few bytes from a child back to its parent, over a pipe created before
/// fork(2): a helper's error, or the status of the process an init waited
/// for. The parent reads after the child has ended, until end of file.
public final class ReportPipe {
    private let pipe: Pipe

    public init() throws(XError) {
        pipe = try Pipe()
    }

    /// In the child: writes the message (it must fit the pipe: a few KiB).
    public func send(_ text: String) {
        pipe.closeReadEnd()
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { write(pipe.writeEnd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            offset += n
        }
    }

    /// In the parent, right after fork: only the child may write, so that
    /// end of file comes when the child ends.
    public func keepReadingEnd() {
        pipe.closeWriteEnd()
    }

    /// In the parent, after the child ended: what it sent, nil for nothing.
    public func receive() -> String? {
        keepReadingEnd()
        let data = FileDescriptor(adopting: fcntl(pipe.readEnd, F_DUPFD_CLOEXEC, 0)).readAll(limit: 65536) ?? []
        return data.isEmpty ? nil : String(decoding: data, as: UTF8.self)
    }

    /// An error, in a form `receiveError` reads back.
    public func send(_ error: XError) {
        send([String(error.errno ?? 0), String(error.status), error.hint ?? "", error.message]
            .joined(separator: "\u{1f}"))
    }

    public func receiveError() -> XError? {
        guard let text = receive() else { return nil }
        let fields = text.split(separator: "\u{1f}", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 4 else { return XError(text) }
        let err = Int32(fields[0]) ?? 0
        return XError(fields[3], errno: err == 0 ? nil : err, hint: fields[2].isEmpty ? nil : fields[2],
                      status: Int32(fields[1]) ?? ExitStatus.failure)
    }
}
