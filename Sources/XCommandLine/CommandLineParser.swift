import XCore

/// getopt_long(3) in `+` mode over an `OptionTable`, without reflection:
/// options stop at `--` or at the first word that is not an option, and
/// everything after is COMMAND, untouched. Clustered short flags (`-mupf`),
/// `-ovalue` and `-o value`, `--opt=value` and `--opt value`, optional values
/// attached only (`--mount[=FILE]`), a required value that begins with `-`
/// (`--userspec -1`), and unambiguous prefixes of long names (`--user`
/// for `--userspec` where nothing else starts so).
public enum CommandLineParser {
    /// What a command line asks for.
    public enum Outcome: Equatable {
        case run(ParsedCommandLine)
        /// -h/--help, -V/--version or --generate-completion-script SHELL was
        /// given before any syntax error: the tool prints it and exits 0
        /// (values are converted by the tool after the parse, so
        /// `--monotonic=abc --help` is help).
        case help
        case version
        case completionScript(String)
    }

    public static func parse(_ arguments: [String], _ table: OptionTable) throws(XError) -> Outcome {
        var parsed = ParsedCommandLine()
        var index = 0
        var rest: ArraySlice<String> = []
        scan: while index < arguments.count {
            let word = arguments[index]
            index += 1
            if word == "--" {
                rest = arguments[index...]
                break scan
            }
            if word.hasPrefix("--") {
                let occurrence = try long(word, arguments, &index, table)
                if let request = request(occurrence) { return request }
                parsed.occurrences.append(occurrence)
            } else if word.hasPrefix("-"), word != "-" {
                for occurrence in try shortCluster(word, arguments, &index, table) {
                    if let request = request(occurrence) { return request }
                    parsed.occurrences.append(occurrence)
                }
            } else {
                rest = arguments[(index - 1)...]
                break scan
            }
        }
        // The positional words, then COMMAND.
        for positional in table.positionals {
            guard let word = rest.first else {
                throw XError.usage("missing expected argument '<\(positional.name)>'")
            }
            parsed.positionals.append(word)
            rest = rest.dropFirst()
        }
        parsed.command = Array(rest)
        return .run(parsed)
    }

    /// --help, --version and --generate-completion-script end the parse
    /// where they stand, as util-linux's getopt loops do.
    static func request(_ occurrence: ParsedCommandLine.Occurrence) -> Outcome? {
        switch occurrence.common {
        case .help?: return .help
        case .version?: return .version
        case .generateCompletionScript?: return .completionScript(occurrence.value ?? "")
        default: return nil
        }
    }

    /// `--name`, `--name=value`, `--name value`, or a prefix of a name.
    static func long(_ word: String, _ arguments: [String], _ index: inout Int,
                     _ table: OptionTable) throws(XError) -> ParsedCommandLine.Occurrence {
        let body = word.dropFirst(2)
        let name: Substring
        let attached: String?
        if let equals = body.firstIndex(of: "=") {
            name = body[..<equals]
            attached = String(body[body.index(after: equals)...])
        } else {
            name = body
            attached = nil
        }
        let option = try match(name, word: word, table)
        let spec = table.options[option]
        let spelled = "--" + spec.long
        switch spec.value {
        case .none:
            if let attached {
                throw XError.usage("the option \(quoted(spelled)) does not take any value, but \(quoted(attached)) was specified.")
            }
            return .init(option: option, spec: spec, spelled: spelled, value: nil, table: table)
        case .optional:
            return .init(option: option, spec: spec, spelled: spelled, value: attached, table: table)
        case .required(let valueName):
            if let attached { return .init(option: option, spec: spec, spelled: spelled, value: attached, table: table) }
            guard index < arguments.count else {
                throw XError.usage("missing value for '\(spelled) <\(valueName)>'")
            }
            index += 1
            return .init(option: option, spec: spec, spelled: spelled, value: arguments[index - 1], table: table)
        }
    }

    /// The option a long name means: its exact name, else the one option
    /// whose name it begins (getopt_long's abbreviations).
    static func match(_ name: Substring, word: String, _ table: OptionTable) throws(XError) -> Int {
        if let exact = table.options.firstIndex(where: { $0.long == name }) { return exact }
        let candidates = name.isEmpty ? [] : table.options.indices.filter { table.options[$0].long.hasPrefix(name) }
        if candidates.count == 1 { return candidates[0] }
        let shown = word.firstIndex(of: "=").map { String(word[..<$0]) } ?? word
        if candidates.isEmpty {
            throw XError.usage("unknown option \(quoted(shown))")
        }
        let names = candidates.map { "--" + table.options[$0].long }
        throw XError.usage("option \(quoted(shown)) is ambiguous; possibilities: " + names.map { quoted($0) }.joined(separator: " "),
                           hint: "write more of the name")
    }

    /// `-abc`: flags, and the first that takes a value takes the rest of
    /// the word (`-wDIR`) or, if nothing is left, the next word.
    static func shortCluster(_ word: String, _ arguments: [String], _ index: inout Int,
                             _ table: OptionTable) throws(XError) -> [ParsedCommandLine.Occurrence] {
        var result: [ParsedCommandLine.Occurrence] = []
        var letters = word.dropFirst()
        while let letter = letters.first {
            letters = letters.dropFirst()
            guard let option = table.options.firstIndex(where: { $0.short == letter }) else {
                throw XError.usage("unknown option \(quoted("-" + String(letter)))")
            }
            let spec = table.options[option]
            let spelled = "-" + String(letter)
            guard case .required(let valueName) = spec.value else {
                // A value glued with '=' (`-n=x`) is a value this flag cannot take.
                if letters.first == "=" {
                    throw XError.usage("the option \(quoted(spelled)) does not take any value, but \(quoted(String(letters.dropFirst()))) was specified.")
                }
                result.append(.init(option: option, spec: spec, spelled: spelled, value: nil, table: table))
                // -h or -V ends the parse here, as getopt hands it back
                // before it reads the rest of the cluster (`-hz` is help).
                if request(result[result.count - 1]) != nil { return result }
                continue
            }
            if !letters.isEmpty {
                result.append(.init(option: option, spec: spec, spelled: spelled, value: String(letters), table: table))
                return result
            }
            guard index < arguments.count else {
                throw XError.usage("missing value for '\(spelled) <\(valueName)>'")
            }
            index += 1
            result.append(.init(option: option, spec: spec, spelled: spelled, value: arguments[index - 1], table: table))
        }
        return result
    }
}
