import Glibc

/// Everything a tool says on stderr goes through here: errors, hints and
/// trace lines. stdout belongs to COMMAND, so nothing is ever written there.
public enum Diagnostics {
    /// The tool's name as the first word of every line ("xchroot").
    nonisolated(unsafe) public static var toolName = "xns"

    /// Writes `xchroot: <message>` and, if any, `hint: <hint>`.
    public static func report(_ error: XError) {
        var text = "\(toolName): \(oneLine(error.text))\n"
        if let hint = error.hint { text += "hint: \(oneLine(hint))\n" }
        writeStandardError(text)
    }

    /// A message or hint kept on its line: a control character of a value
    /// written into it unquoted (a hint that names a path to create) is
    /// escaped as `quoted` escapes it.
    public static func oneLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return text }
        return String(quoted(text).dropFirst().dropLast())
    }

    /// Writes raw text to fd 2, retrying short writes and EINTR. Swift 6's
    /// global `stderr` is not concurrency-safe, so the fd is used directly.
    public static func writeStandardError(_ text: String) {
        write(all: text, to: 2)
    }

    /// Writes raw text to fd 1 (only for output an option asks for: --help).
    public static func writeStandardOutput(_ text: String) {
        write(all: text, to: 1)
    }

    private static func write(all text: String, to fd: Int32) {
        var bytes = Array(text.utf8)
        var offset = 0
        bytes.withUnsafeMutableBytes { buffer in
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += n
            }
        }
    }
}
