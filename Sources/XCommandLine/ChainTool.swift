import ArgumentParser
import XCore

/// A link of the chain: one tool's command line, parsed by
/// swift-argument-parser and run by `ToolMain`.
public protocol ChainTool: ParsableCommand {
    /// The next link: everything after the options (for xchroot, after
    /// NEWROOT), declared with `parsing: .captureForPassthrough`.
    var command: [String] { get set }
    var teaching: TeachingOptions { get }
    /// True when COMMAND follows a positional argument (xchroot's NEWROOT):
    /// the parser has then already stopped at the first non-option, and the
    /// command is taken literally.
    static var commandFollowsPositional: Bool { get }
    /// Options that take an optional attached value (`--mount[=FILE]`).
    static var optionalValueOptions: [OptionalValueOption] { get }
    /// Does the tool's step, then execs COMMAND (or exits). Returns only by throwing.
    func perform() throws(XError) -> Never
}

extension ChainTool {
    public static var commandFollowsPositional: Bool { false }
    public static var optionalValueOptions: [OptionalValueOption] { [] }
}

/// The version every tool reports.
public let xnsVersion = "0.1.0"
