import XCommandLine

// What the manual needs of a tool, made from its option table: the
// command, and each option and positional argument as an item.

struct CommandInfo {
    var commandName: String
    var abstract: String?
    var discussion: String?
    var usage: String?
    var arguments: [ArgumentInfo]?

    init(table: OptionTable) {
        commandName = table.name
        abstract = table.abstract
        discussion = table.discussion
        usage = table.usage
        arguments = table.options.map(ArgumentInfo.init(option:))
            + table.positionals.map { ArgumentInfo(positional: $0, optional: false) }
            + [ArgumentInfo(positional: table.command, optional: true)]
    }
}

struct ArgumentInfo {
    struct NameInfo {
        enum Kind {
            case long, short
        }
        var kind: Kind
        var name: String

        /// The name as typed on the command line: `--force`, `-h`.
        var spelled: String {
            switch kind {
            case .long: return "--" + name
            case .short: return "-" + name
            }
        }
    }

    enum Kind {
        case positional, option, flag
    }

    var kind: Kind
    var shouldDisplay = true
    var sectionTitle: String?
    var isOptional: Bool
    var isRepeating: Bool
    /// "postTerminator" for COMMAND, which follows the options.
    var parsingStrategy: String
    var names: [NameInfo]?
    var preferredName: NameInfo?
    var valueName: String?
    var defaultValue: String?
    var allValues: [String]?
    var allValueDescriptions: [String: String]? = nil
    var abstract: String?
    var discussion: String?

    init(option: OptionSpec) {
        switch option.value {
        case .none:
            kind = .flag
        case .required(let name):
            kind = .option
            valueName = name
        case .optional(let name):
            // A flag with `[=VALUE]`: see `optionalValueName`.
            kind = .flag
            valueName = "[=\(name)]"
        }
        sectionTitle = option.section
        isOptional = true
        isRepeating = option.repeats
        parsingStrategy = "default"
        let long = NameInfo(kind: .long, name: option.long)
        names = [long] + (option.short.map { [NameInfo(kind: .short, name: String($0))] } ?? [])
        preferredName = long
        defaultValue = option.defaultValue
        allValues = option.choices.isEmpty ? nil : option.choices
        abstract = option.help
        discussion = option.discussion
    }

    init(positional: PositionalSpec, optional: Bool) {
        kind = .positional
        isOptional = optional
        isRepeating = optional
        parsingStrategy = optional ? "postTerminator" : "default"
        valueName = positional.name
        abstract = positional.help
    }

    /// Short names first, then long ones, as in the tools' --help.
    var orderedNames: [NameInfo] {
        let all = names ?? []
        return all.filter { $0.kind == .short } + all.filter { $0.kind != .short }
    }

    /// The name used in a synopsis: the preferred one, else the first long one.
    var synopsisName: NameInfo? {
        preferredName ?? names?.first { $0.kind != .short } ?? names?.first
    }

    /// The value of a flag that takes an optional attached value, which
    /// the table declares `.optional("FILE")`: "FILE".
    var optionalValueName: String? {
        guard kind == .flag, let valueName, valueName.hasPrefix("[="), valueName.hasSuffix("]"),
              valueName.count > 3 else { return nil }
        return String(valueName.dropFirst(2).dropLast())
    }

    /// True for every tool's own -h/--help and -V/--version flags.
    var isBuiltInFlag: Bool {
        guard kind == .flag else { return false }
        let spelled = Set((names ?? []).map(\.spelled))
        return spelled == ["-h", "--help"] || spelled == ["-V", "--version"]
    }
}
