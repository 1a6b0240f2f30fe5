/// A tool's whole command line, declared once: its name, what it does, its
/// options in the order --help lists them, its positional arguments and its
/// COMMAND. The parser (`CommandLineParser`), `--help` (`HelpText`), the
/// completion scripts (`CompletionScript`) and xns-docgen's man page read it.
public struct OptionTable: Sendable {
    public let name: String
    /// One line: what the tool does.
    public let abstract: String
    /// `xchroot [OPTION...] NEWROOT [COMMAND [ARG...]]`.
    public let usage: String
    /// Paragraphs for --help and the man page (EXAMPLES and SEE ALSO last).
    public let discussion: String
    /// The tool's own options, then `CommonOption`'s.
    public let options: [OptionSpec]
    /// How many of `options` are the tool's own (they come first).
    public let ownCount: Int
    /// Required words before COMMAND (xchroot's NEWROOT).
    public let positionals: [PositionalSpec]
    /// What COMMAND is.
    public let command: PositionalSpec

    public init(name: String, abstract: String, usage: String, discussion: String, options: [OptionSpec],
                positionals: [PositionalSpec] = [], command: PositionalSpec) {
        self.name = name
        self.abstract = abstract
        self.usage = usage
        self.discussion = discussion
        // Closures, not key paths: a key path is instantiated at run time, and
        // this runs at every start.
        self.options = options + CommonOption.allCases.map { $0.spec }
        self.ownCount = options.count
        self.positionals = positionals
        self.command = command
    }

    /// The options of a tool whose options are the cases of `Key`, in order.
    /// Inlinable, so that it is specialized for each tool's `Key`.
    @inlinable
    public init<Key: OptionKey>(name: String, abstract: String, usage: String, discussion: String, keys: Key.Type,
                                positionals: [PositionalSpec] = [], command: PositionalSpec) {
        self.init(name: name, abstract: abstract, usage: usage, discussion: discussion,
                  options: Key.allCases.map { $0.spec }, positionals: positionals, command: command)
    }
}

/// A tool's options as an enumeration, one case per option in the order of
/// the table (raw values 0, 1, 2 …): the tool reads the parse with an
/// exhaustive `switch`, so an option in the table cannot go unread.
public protocol OptionKey: CaseIterable, RawRepresentable where RawValue == Int {
    var spec: OptionSpec { get }
}

/// The options every tool has, after its own.
public enum CommonOption: Int, CaseIterable, Sendable {
    case trace, dryRun, generateCompletionScript, version, help

    static let teaching = "Teaching"

    public var spec: OptionSpec {
        switch self {
        case .trace:
            return OptionSpec(long: "trace", help: "Print each system call on stderr as it is made. XNS_TRACE=1 in the environment does the same, for every link of a chain.",
                              section: Self.teaching)
        case .dryRun:
            return OptionSpec(long: "dry-run", help: "Print the system calls that would change something instead of making them; go on through the next link if it is another x-tool; print the final COMMAND instead of running it. XNS_DRY_RUN=1 does the same.",
                              section: Self.teaching)
        case .generateCompletionScript:
            return OptionSpec(long: "generate-completion-script", value: .required("SHELL"),
                              help: "Print the completion script for SHELL (bash, zsh or fish) and exit.",
                              choices: CompletionScript.shells)
        case .version:
            return OptionSpec(long: "version", short: "V", help: "Show the version.")
        case .help:
            return OptionSpec(long: "help", short: "h", help: "Show help information.")
        }
    }
}
