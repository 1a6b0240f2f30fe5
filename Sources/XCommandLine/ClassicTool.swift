import Glibc
import XCore

/// A classic-name personality: the binary run as `unshare`, `nsenter`,
/// `chroot`, `switch_root` or `pivot_root` keeps that tool's contract —
/// util-linux's or GNU coreutils' options, exit statuses and message texts
/// — instead of the x-tools' (see `ClassicMain`). Its command line is read
/// by the C library's getopt_long, as the real tool's is.
public protocol ClassicTool: Sendable {
    associatedtype Option: ClassicOptionKey
    /// The name it answers to ("unshare").
    static var name: String { get }
    static var dialect: ClassicDialect { get }
    /// Whether getopt may permute argv (options after operands), as
    /// pivot_root's does; the others stop at the first operand ('+').
    static var permutesArguments: Bool { get }
    /// --help: the usage lines after the name ("[options] <newroot> <init>"),
    /// and the one-paragraph description.
    static var usage: [String] { get }
    static var abstract: String { get }
    /// What --version prints.
    static var version: String { get }
    /// For xns-compat(7): the real tool this one stands in for ("util-linux
    /// unshare(1)"), and each way it differs from it, one sentence or two.
    static var original: String { get }
    static var differences: [String] { get }

    init()
    /// One option, in command-line order, as getopt returns it: values are
    /// read here, so the first bad one ends the parse where the real
    /// tool's loop would.
    mutating func read(_ option: Option, _ value: String?) throws(XError)
    /// The words after the options: operands, then COMMAND.
    mutating func readOperands(_ words: [String]) throws(XError)
    func perform() throws(XError) -> Never
}

/// Whose conventions a personality keeps.
public enum ClassicDialect: Sendable {
    /// util-linux: status 1 for bad usage and for failures.
    case utilLinux
    /// GNU coreutils chroot: 125 for bad usage and for its own failures.
    case coreutils

    /// The status of bad usage and of a failed step (126 and 127, COMMAND
    /// found but not executable and not found, are the same in both).
    public var failureStatus: Int32 {
        switch self {
        case .utilLinux: return 1
        case .coreutils: return ExitStatus.failure
        }
    }
}

/// One option as util-linux or coreutils declares it to getopt_long.
public struct ClassicOption: Sendable {
    /// What the option does for --help, and which it is to the parser.
    public enum Role: Sendable { case normal, help, version }

    public let long: String?
    public let short: Character?
    /// Whether the long form takes a value.
    public let value: OptionSpec.Value
    /// Whether the short letter does: util-linux nsenter's `-m[FILE]` takes
    /// an attached one (`m::`) where unshare's `-m` takes none.
    public let shortValue: OptionSpec.Value
    public let help: String
    public let role: Role
    /// The release that brought the option, when it is later than the one
    /// the messages follow (`utilLinuxCompatibility`): for xns-compat(7).
    public let since: String?

    public init(_ long: String?, short: Character? = nil, value: OptionSpec.Value = .none,
                shortValue: OptionSpec.Value? = nil, help: String, role: Role = .normal, since: String? = nil) {
        self.long = long
        self.short = short
        self.value = value
        self.shortValue = shortValue ?? value
        self.help = help
        self.role = role
        self.since = since
    }

    public static func help(_ text: String = "display this help") -> ClassicOption {
        ClassicOption("help", short: "h", help: text, role: .help)
    }

    public static func version(_ text: String = "display version") -> ClassicOption {
        ClassicOption("version", short: "V", help: text, role: .version)
    }

    /// `-m, --mount[=<file>]`, for --help and the man page.
    public var synopsis: String {
        var left = ""
        if let short {
            left = "-" + String(short)
            if long == nil, let name = shortValue.name {
                left += shortValue == .required(name) ? " <\(name)>" : "[<\(name)>]"
            }
        } else {
            left = "    "
        }
        if let long {
            left += (short == nil ? "" : ", ") + "--" + long
            switch value {
            case .none: break
            case .required(let name): left += " <\(name)>"
            case .optional(let name): left += "[=<\(name)>]"
            }
        }
        return left
    }
}

/// A personality's options as an enumeration (raw values 0, 1, 2 …), read
/// with an exhaustive switch, as the x-tools' `OptionKey`.
public protocol ClassicOptionKey: CaseIterable, RawRepresentable where RawValue == Int {
    var option: ClassicOption { get }
}

/// The options of a tool that has no others (switch_root, pivot_root).
public enum HelpAndVersionOnly: Int, ClassicOptionKey {
    case help, version

    public var option: ClassicOption {
        switch self {
        case .help: return .help()
        case .version: return .version()
        }
    }
}

/// The util-linux release whose messages the personalities keep: the one
/// their differential table (ClassicDifferentialTests) runs against. Options
/// of later releases are accepted too (see xns-compat(7)).
public let utilLinuxCompatibility = "2.38.1"

/// util-linux's errexec: `failed to execute COMMAND: strerror`, 127 when
/// execvp said ENOENT, else 126.
public func utilLinuxExecFailure(_ command: String, errno err: Int32) -> XError {
    XError("failed to execute \(command)", errno: err, status: err == ENOENT ? ExitStatus.notFound : ExitStatus.cannotExecute)
}

/// util-linux's strtoul_or_err for the personalities' numbers: a decimal
/// unsigned long (a leading '-' wraps around, as strtoul does), truncated to
/// the 32 bits of a uid, gid or pid; `MESSAGE: 'TEXT'` when it is not one,
/// with ERANGE's text past 64 bits.
public func utilLinuxNumber(_ value: String?, _ message: String) throws(XError) -> UInt32 {
    let text = value ?? ""
    var digits = Substring(text)
    let negative = digits.first == "-"
    if negative || digits.first == "+" { digits = digits.dropFirst() }
    guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
        throw XError("\(message): '\(text)'")
    }
    guard let magnitude = UInt64(digits) else { throw XError("\(message): '\(text)'", errno: ERANGE) }
    return UInt32(truncatingIfNeeded: negative ? 0 &- magnitude : magnitude)
}
