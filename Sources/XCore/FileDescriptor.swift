import CLinux
import Glibc

/// An open file descriptor that is closed when the value goes away. Every fd a
/// tool opens is O_CLOEXEC, so none of them leaks into COMMAND.
public final class FileDescriptor {
    public let raw: Int32

    public init(adopting raw: Int32) {
        self.raw = raw
    }

    deinit {
        if raw >= 0 { close(raw) }
    }

    /// open(2) with O_CLOEXEC, traced as a call that only looks.
    public static func open(_ path: String, _ flags: Int32, at directory: Int32 = AT_FDCWD,
                            mode: mode_t = 0) -> (FileDescriptor?, Int32) {
        let result = systemCall("openat", "\(directory == AT_FDCWD ? "AT_FDCWD" : String(directory)), \(traceString(path)), \(openFlagNames(flags | O_CLOEXEC))",
                                changesState: false) {
            openat(directory, path, flags | O_CLOEXEC, mode)
        }
        return result.failed ? (nil, result.errno) : (FileDescriptor(adopting: result.value), 0)
    }

    /// An O_PATH handle on a directory: it names the directory without
    /// reading it, and keeps naming the same one if the path changes.
    public static func directoryHandle(_ path: String) -> (FileDescriptor?, Int32) {
        open(path, xns_O_PATH | O_DIRECTORY)
    }

    /// Reads the whole file (up to `limit` bytes).
    public func readAll(limit: Int = 16 << 20) -> [UInt8]? {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while data.count < limit {
            let n = buffer.withUnsafeMutableBytes { read(raw, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if n == 0 { break }
            data.append(contentsOf: buffer[0..<n])
        }
        return data
    }
}

func openFlagNames(_ flags: Int32) -> String {
    let access: String
    switch flags & O_ACCMODE {
    case O_WRONLY: access = "O_WRONLY"
    case O_RDWR: access = "O_RDWR"
    default: access = "O_RDONLY"
    }
    let rest = flags & ~O_ACCMODE
    if rest == 0 { return access }
    return access + "|" + traceFlags(rest, [
        (xns_O_PATH, "O_PATH"), (Int32(O_DIRECTORY), "O_DIRECTORY"), (Int32(O_CLOEXEC), "O_CLOEXEC"),
        (Int32(O_NOFOLLOW), "O_NOFOLLOW"), (Int32(O_NOCTTY), "O_NOCTTY"), (Int32(O_CREAT), "O_CREAT"),
        (Int32(O_NONBLOCK), "O_NONBLOCK"),
    ])
}
