import Glibc

/// What a system call returned: its value, and errno when it failed.
public struct CallResult {
    public let value: Int32
    public let errno: Int32

    public var failed: Bool { value == -1 }

    public init(value: Int32, errno: Int32) {
        self.value = value
        self.errno = errno
    }

    /// The value, or an `XError` that says what was tried in words.
    @discardableResult
    public func orThrow(_ action: String, _ subject: String? = nil,
                        hint: String? = nil, operation: FailedOperation? = nil) throws(XError) -> Int32 {
        if failed {
            var error = XError.step(action, subject, errno: errno, hint: hint)
            error.operation = operation
            throw error
        }
        return value
    }
}

/// Makes one system call, tracing it. `arguments` renders its arguments for
/// the trace, strace-style. In a dry run a call that changes state is only
/// shown (and "succeeds" with `dryRunValue`); a call that only looks
/// (`changesState: false`) is still made, so checks keep working. A call that
/// does not return when it works (execve) is shown before it is made.
@discardableResult
public func systemCall(_ name: String, _ arguments: @autoclosure () -> String,
                       changesState: Bool = true, dryRunValue: Int32 = 0,
                       replacesProcess: Bool = false,
                       _ body: () -> Int32) -> CallResult {
    tracedCall("\(name)(\(arguments()))", changesState: changesState, dryRunValue: dryRunValue,
               replacesProcess: replacesProcess, body)
}

/// `systemCall` for a request that is not one plain system call (a netlink
/// message, say): `call` is the whole trace text, such as
/// `RTM_NEWADDR 10.0.0.1/24 dev vh0`. `body` returns -1 and sets errno on failure.
@discardableResult
public func tracedCall(_ call: @autoclosure () -> String,
                       changesState: Bool = true, dryRunValue: Int32 = 0,
                       replacesProcess: Bool = false,
                       _ body: () -> Int32) -> CallResult {
    if Trace.isDryRun && changesState {
        Trace.line("\(call()) (dry run: not made)")
        return CallResult(value: dryRunValue, errno: 0)
    }
    if Trace.isTracing && replacesProcess { Trace.line(call()) }
    errno = 0
    let value = body()
    let err = errno
    if Trace.isTracing {
        if value == -1 {
            Trace.line("\(call()) = -1 \(errorName(err)) (\(errorDescription(err)))")
        } else {
            Trace.line("\(call()) = \(value)")
        }
    }
    return CallResult(value: value, errno: value == -1 ? err : 0)
}

/// A string argument as strace shows it: in double quotes.
public func traceString(_ value: String) -> String {
    var out = "\""
    for scalar in value.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}

/// Flag names joined with `|`, as strace shows a bit set; unknown bits in hex.
public func traceFlags<T: FixedWidthInteger>(_ value: T, _ names: [(T, String)]) -> String {
    var rest = value
    var parts: [String] = []
    for (bit, name) in names where bit != 0 && value & bit == bit {
        parts.append(name)
        rest &= ~bit
    }
    if rest != 0 || parts.isEmpty {
        parts.append("0x" + String(UInt64(truncatingIfNeeded: rest) & (UInt64.max >> (64 - T.bitWidth)), radix: 16))
    }
    return parts.joined(separator: "|")
}
