import XCore

/// A link of the chain: one tool's command line, declared in its
/// `OptionTable`, read into the tool's own values, and run by `ToolMain`.
public protocol ChainTool: Sendable {
    /// The name the tool runs as (`xunshare`): the multicall binary picks
    /// the tool by it without building every table.
    static var name: String { get }
    /// The tool's options, --help, man page and completions, in one place.
    static var table: OptionTable { get }
    /// The tool's values from a parse of `table`; wrong values (a number
    /// that is not one) are usage errors.
    init(_ line: ParsedCommandLine) throws(XError)
    /// Does the tool's step, then execs COMMAND (or exits). Returns only by throwing.
    func perform() throws(XError) -> Never
}

/// The version every tool reports.
public let xnsVersion = "0.1.0"
