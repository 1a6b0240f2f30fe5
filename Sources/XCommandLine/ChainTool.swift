import ArgumentParser
import XCore

/// A link of the chain: one tool's command line, parsed by
/// swift-argument-parser and run by `ToolMain`.
public protocol ChainTool: ParsableCommand {
    /// The command's configuration (name, abstract, discussion, version);
    /// the parser sees it through `CompletionProbe`.
    static var definition: CommandConfiguration { get }
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
    /// The arguments as the parser should see them (for options whose value
    /// may be left out, see `OrderedOptions.fillOptionalValues`).
    static func preprocess(_ arguments: [String]) -> [String]
}

extension ChainTool {
    public static var commandFollowsPositional: Bool { false }
    public static var optionalValueOptions: [OptionalValueOption] { [] }
    public static func preprocess(_ arguments: [String]) -> [String] { arguments }
}

/// The version every tool reports.
public let xnsVersion = "0.1.0"
