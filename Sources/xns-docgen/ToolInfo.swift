// The part of swift-argument-parser's `--experimental-dump-help` JSON
// (ToolInfoV0, serializationVersion 0) that the manual needs. Decoded with
// our own structs so that this developer tool depends on nothing; fields we
// do not use are ignored, so additions upstream do not break decoding.

/// Only the version sentinel, decoded first so that a future format is
/// reported as such instead of as a confusing missing key.
struct ToolInfoHeader: Decodable {
    var serializationVersion: Int
}

struct ToolInfo: Decodable {
    var serializationVersion: Int
    var command: CommandInfo
}

struct CommandInfo: Decodable {
    var superCommands: [String]?
    var shouldDisplay: Bool
    var commandName: String
    var aliases: [String]?
    var abstract: String?
    var discussion: String?
    var usage: String?
    var defaultSubcommand: String?
    var subcommands: [CommandInfo]?
    var arguments: [ArgumentInfo]?

    enum CodingKeys: String, CodingKey {
        case superCommands, shouldDisplay, commandName, aliases, abstract,
             discussion, usage, defaultSubcommand, subcommands, arguments
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        superCommands = try c.decodeIfPresent([String].self, forKey: .superCommands)
        shouldDisplay = try c.decodeIfPresent(Bool.self, forKey: .shouldDisplay) ?? true
        commandName = try c.decode(String.self, forKey: .commandName)
        aliases = try c.decodeIfPresent([String].self, forKey: .aliases)
        abstract = try c.decodeIfPresent(String.self, forKey: .abstract)
        discussion = try c.decodeIfPresent(String.self, forKey: .discussion)
        usage = try c.decodeIfPresent(String.self, forKey: .usage)
        defaultSubcommand = try c.decodeIfPresent(String.self, forKey: .defaultSubcommand)
        subcommands = try c.decodeIfPresent([CommandInfo].self, forKey: .subcommands)
        arguments = try c.decodeIfPresent([ArgumentInfo].self, forKey: .arguments)
    }
}

struct ArgumentInfo: Decodable {
    struct NameInfo: Decodable {
        enum Kind: String, Decodable {
            case long, short, longWithSingleDash
        }
        var kind: Kind
        var name: String

        /// The name as typed on the command line: `--force`, `-h`, `-help`.
        var spelled: String {
            switch kind {
            case .long: return "--" + name
            case .short, .longWithSingleDash: return "-" + name
            }
        }
    }

    enum Kind: String, Decodable {
        case positional, option, flag
    }

    var kind: Kind
    var shouldDisplay: Bool
    var sectionTitle: String?
    var isOptional: Bool
    var isRepeating: Bool
    /// Kept as a string: only `postTerminator` matters here, and an unknown
    /// strategy from a newer library must not stop the manual.
    var parsingStrategy: String
    var names: [NameInfo]?
    var preferredName: NameInfo?
    var valueName: String?
    var defaultValue: String?
    var allValues: [String]?
    var allValueDescriptions: [String: String]?
    var abstract: String?
    var discussion: String?

    enum CodingKeys: String, CodingKey {
        case kind, shouldDisplay, sectionTitle, isOptional, isRepeating,
             parsingStrategy, names, preferredName, valueName, defaultValue,
             allValues, allValueDescriptions, abstract, discussion
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(Kind.self, forKey: .kind)
        shouldDisplay = try c.decodeIfPresent(Bool.self, forKey: .shouldDisplay) ?? true
        sectionTitle = try c.decodeIfPresent(String.self, forKey: .sectionTitle)
        isOptional = try c.decodeIfPresent(Bool.self, forKey: .isOptional) ?? false
        isRepeating = try c.decodeIfPresent(Bool.self, forKey: .isRepeating) ?? false
        parsingStrategy = try c.decodeIfPresent(String.self, forKey: .parsingStrategy) ?? "default"
        names = try c.decodeIfPresent([NameInfo].self, forKey: .names)
        preferredName = try c.decodeIfPresent(NameInfo.self, forKey: .preferredName)
        valueName = try c.decodeIfPresent(String.self, forKey: .valueName)
        defaultValue = try c.decodeIfPresent(String.self, forKey: .defaultValue)
        allValues = try c.decodeIfPresent([String].self, forKey: .allValues)
        allValueDescriptions = try c.decodeIfPresent([String: String].self, forKey: .allValueDescriptions)
        abstract = try c.decodeIfPresent(String.self, forKey: .abstract)
        discussion = try c.decodeIfPresent(String.self, forKey: .discussion)
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
    /// the tools name `[=FILE]` (XCommandLine's OptionalValueOption): "FILE".
    var optionalValueName: String? {
        guard kind == .flag, let valueName, valueName.hasPrefix("[="), valueName.hasSuffix("]"),
              valueName.count > 3 else { return nil }
        return String(valueName.dropFirst(2).dropLast())
    }

    /// True for the library's own `-h/--help` and `--version` flags.
    var isBuiltInFlag: Bool {
        guard kind == .flag else { return false }
        let spelled = Set((names ?? []).map(\.spelled))
        return spelled == ["-h", "--help"] || spelled == ["-h", "--help", "-help"] || spelled == ["--version"]
    }
}
