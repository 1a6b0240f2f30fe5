/// One option of a tool, declared once: the parser, `--help`, the man page
/// and the completion scripts are all made from it.
public struct OptionSpec: Sendable {
    /// Whether the option takes a value, getopt_long(3) style.
    public enum Value: Sendable, Equatable {
        /// A flag: `--force`, `-f`.
        case none
        /// `--wd=DIR`, `--wd DIR`, `-wDIR`, `-w DIR`: the name is DIR.
        case required(String)
        /// `--mount[=FILE]`: the value only attached to the long name;
        /// `--mount FILE` and `-m` take none.
        case optional(String)

        /// DIR, FILE: the placeholder, nil for a flag.
        public var name: String? {
            switch self {
            case .none: return nil
            case .required(let name), .optional(let name): return name
            }
        }
    }

    /// The long name without dashes: "mount-proc".
    public let long: String
    /// The short name, if util-linux or coreutils has one: "m".
    public let short: Character?
    public let value: Value
    /// One sentence or two, for --help and the man page's item.
    public let help: String
    /// More, for the man page only.
    public let discussion: String
    /// The group it is listed in (nil: the tool's options).
    public let section: String?
    /// The option may be given again to add a value (documentation: the
    /// parser keeps every occurrence of every option, in order).
    public let repeats: Bool
    /// What a required value means when the option is not given (documentation).
    public let defaultValue: String?
    /// The values a required value must be one of, or empty for any.
    public let choices: [String]

    public init(long: String, short: Character? = nil, value: Value = .none, help: String, discussion: String = "",
                section: String? = nil, repeats: Bool = false, defaultValue: String? = nil, choices: [String] = []) {
        self.long = long
        self.short = short
        self.value = value
        self.help = help
        self.discussion = discussion
        self.section = section
        self.repeats = repeats
        self.defaultValue = defaultValue
        self.choices = choices
    }

    /// A flag: `--NAME` (and `-S`).
    public static func flag(_ long: String, short: Character? = nil, help: String, discussion: String = "") -> OptionSpec {
        OptionSpec(long: long, short: short, help: help, discussion: discussion)
    }

    /// An option with a required value, `--NAME=VALUE` or `--NAME VALUE`.
    public static func option(_ long: String, short: Character? = nil, value: String, help: String, discussion: String = "",
                              repeats: Bool = false, defaultValue: String? = nil, choices: [String] = []) -> OptionSpec {
        OptionSpec(long: long, short: short, value: .required(value), help: help, discussion: discussion,
                   repeats: repeats, defaultValue: defaultValue, choices: choices)
    }

    /// An option whose value may be left out and is given attached only:
    /// `--NAME[=VALUE]`; its short name is a flag.
    public static func optionalValue(_ long: String, short: Character? = nil, value: String, help: String,
                                     discussion: String = "", repeats: Bool = false) -> OptionSpec {
        OptionSpec(long: long, short: short, value: .optional(value), help: help, discussion: discussion, repeats: repeats)
    }

    /// `--mount[=FILE]`, `--wd=DIR`, `--force`: the long name as --help and
    /// the man page show it.
    public var longLabel: String {
        switch value {
        case .none: return "--" + long
        case .required(let name): return "--" + long + "=" + name
        case .optional(let name): return "--" + long + "[=" + name + "]"
        }
    }
}

/// A word that is not an option: xchroot's NEWROOT, every tool's COMMAND.
public struct PositionalSpec: Sendable {
    public let name: String
    public let help: String

    public init(_ name: String, help: String) {
        self.name = name
        self.help = help
    }
}
