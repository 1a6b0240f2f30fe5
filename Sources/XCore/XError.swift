import CLinux
import Glibc

/// A failed step, described for a person: what the tool tried, on what, and
/// why it failed. It renders as one stderr line in the shape every tool uses,
/// `xchroot: cannot change root to '/srv/box': No such file or directory`,
/// optionally followed by a `hint:` line.
public struct XError: Error, Equatable {
    /// What was tried, in words, with its subject: "cannot change root to '/srv/box'".
    public var message: String
    /// The errno that explains the failure, if a system call failed.
    public var errno: Int32?
    /// The likely cause and the fix, shown on a second line.
    public var hint: String?
    /// The exit status the tool ends with.
    public var status: Int32
    /// Bad usage (the command line is wrong), not a failed step: a classic-
    /// name personality follows it with util-linux's "Try '… --help'" line.
    public var isUsage = false
    /// What failed, for a personality that words its messages as the real
    /// tool does (`unshare: unshare failed: …`); nil where none needs to.
    public var operation: FailedOperation?

    public init(_ message: String, errno: Int32? = nil, hint: String? = nil,
                status: Int32 = ExitStatus.failure) {
        self.message = message
        self.errno = errno
        self.hint = hint
        self.status = status
    }

    /// A failed step: `action 'subject': strerror(errno)`.
    public static func step(_ action: String, _ subject: String? = nil, errno: Int32,
                            hint: String? = nil) -> XError {
        XError(subject.map { "\(action) \(quoted($0))" } ?? action, errno: errno, hint: hint)
    }

    /// Bad usage: a wrong value or a conflict between options.
    public static func usage(_ message: String, hint: String? = nil) -> XError {
        var error = XError(message, hint: hint)
        error.isUsage = true
        return error
    }

    /// The same error, marked with the operation that failed.
    public func failing(_ operation: FailedOperation) -> XError {
        var error = self
        error.operation = operation
        return error
    }

    /// The diagnostic line(s), without the tool name prefix.
    public var text: String {
        var line = message
        if let errno { line += ": " + errorDescription(errno) }
        return line
    }
}

/// `strerror(3)` as a Swift string.
public func errorDescription(_ err: Int32) -> String {
    String(cString: strerror(err))
}

/// The symbolic name of an errno value, such as "ENOENT".
public func errorName(_ err: Int32) -> String {
    String(cString: xns_errno_name(err))
}

/// A value as it appears in messages: in single quotes, like coreutils.
/// Newlines and other control characters are escaped, so that a message
/// stays one line whatever the value holds.
public func quoted(_ value: String) -> String {
    var out = "'"
    for scalar in value.unicodeScalars {
        switch scalar {
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case _ where scalar.value < 0x20 || scalar.value == 0x7f:
            out += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "'"
}
