import ArgumentParser

/// util-linux's options with an optional value — `--mount[=FILE]`,
/// `--kill-child[=SIG]`, `--mount-proc[=DIR]` — which swift-argument-parser
/// has no syntax for (its `defaultAsFlag` options take the *next* word as the
/// value, so `--mount sh` would keep the namespace on a file named sh, and a
/// short `-m` would swallow `upf` in `-mupf`). As in getopt_long(3), the value
/// is given only attached, `--mount=FILE`; the short form never takes one.
///
/// A tool declares the option as an ordinary flag, with `flagHelp`, plus a
/// private companion option that receives the value. Before parsing, each
/// `--NAME=VALUE` word becomes `--COMPANION=VALUE`, one word for one word;
/// words of COMMAND that were rewritten are restored after parsing, so
/// nothing needs to know where the options end (the parser tells). Short
/// flags, combined short flags and `--NAME` alone are left to the parser.
public struct OptionalValueOption: Sendable, Equatable {
    /// The long name without dashes: "mount".
    public let name: String
    /// The value's placeholder: "FILE".
    public let valueName: String

    public init(_ name: String, value valueName: String) {
        self.name = name
        self.valueName = valueName
    }

    /// The private option that receives the value: "mount-file".
    public var companionName: String { name + "-" + valueName.lowercased() }

    /// Help for the visible flag. Its value name `[=FILE]` is what --help
    /// and xns-docgen show after the long name: `--mount[=FILE]`.
    public func flagHelp(_ abstract: String, discussion: String = "") -> ArgumentHelp {
        ArgumentHelp(abstract, discussion: discussion, valueName: "[=\(valueName)]")
    }

    /// Help for the companion: never shown anywhere.
    public static let companionHelp = ArgumentHelp(visibility: .private)

    /// `--NAME=VALUE` → `--COMPANION=VALUE`; every other word as it is.
    /// The parser would take `--COMPANION=` as no value and use the next
    /// word: an empty value becomes `emptyValue` instead.
    public static func rewrite(_ arguments: [String], for options: [OptionalValueOption]) -> [String] {
        guard !options.isEmpty else { return arguments }
        return arguments.map { word in
            for option in options where word.hasPrefix("--" + option.name + "=") {
                let value = word.dropFirst(3 + option.name.count)
                return "--" + option.companionName + "=" + (value.isEmpty ? emptyValue : String(value))
            }
            return word
        }
    }

    /// What `--NAME=` with nothing after `=` arrives as: a NUL, which no
    /// word of a real argv can contain.
    public static let emptyValue = "\u{0}"

    /// The value as given: `emptyValue` back to "". The companion option's
    /// `transform`.
    public static func attachedValue(_ word: String) -> String {
        word == emptyValue ? "" : word
    }

    /// The parser captures COMMAND as the words after the options: the same
    /// number of words at the end of the original arguments, untouched.
    public static func restoreCommand(captured: [String], original: [String]) -> [String] {
        guard captured.count <= original.count else { return captured }
        return Array(original.suffix(captured.count))
    }

    /// --help text with `--NAME` shown as `--NAME[=VALUE]` in the option
    /// list, keeping the descriptions in their column.
    public static func decorateHelp(_ text: String, for options: [OptionalValueOption]) -> String {
        guard !options.isEmpty else { return text }
        var lines: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            var decorated = line
            for option in options {
                decorated = decorate(decorated, option)
            }
            lines.append(decorated)
        }
        return lines.joined(separator: "\n")
    }

    /// One help line: "  -m, --mount             Create…".
    static func decorate(_ line: String, _ option: OptionalValueOption) -> String {
        let label = Array(line)
        let name = Array("--" + option.name)
        let insert = Array("[=\(option.valueName)]")
        // An option's label starts its line after a short indent, with a
        // dash; descriptions continue on lines indented to their column.
        guard let first = label.firstIndex(where: { $0 != " " }), (1...4).contains(first),
              label[first] == "-" else { return line }
        var start = first
        while start + name.count <= label.count {
            if Array(label[start..<(start + name.count)]) == name {
                let end = start + name.count
                let previousOK = start == first || label[start - 1] == " "
                let blanks = label[end...].prefix(while: { $0 == " " }).count
                if previousOK && (end == label.count || blanks >= 2) {
                    if end == label.count { return line + String(insert) }
                    let descriptionColumn = end + blanks
                    let head = String(label[..<end]) + String(insert)
                    if blanks - insert.count >= 2 {
                        return head + String(repeating: " ", count: blanks - insert.count) + String(label[descriptionColumn...])
                    }
                    // No room left: the description moves to a line of its own.
                    return head + "\n" + String(repeating: " ", count: descriptionColumn) + String(label[descriptionColumn...])
                }
            }
            // Only the label (up to the first double blank) is searched.
            if label[start] == " " && start + 1 < label.count && label[start + 1] == " " { break }
            start += 1
        }
        return line
    }
}
