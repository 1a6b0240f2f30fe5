/// `--help`: the table as text, 80 columns wide — what the tool does, its
/// discussion, usage, arguments, then the options in the table's order,
/// each group under its title.
public enum HelpText {
    static let width = 80
    /// Where descriptions start.
    static let column = 26

    public static func render(_ table: OptionTable) -> String {
        var out: [String] = []
        out += wrap("OVERVIEW: " + table.abstract)
        out.append("")
        if !table.discussion.isEmpty {
            out += discussion(table.discussion)
            out.append("")
        }
        out.append("USAGE: " + table.usage)
        out.append("")
        out.append("ARGUMENTS:")
        for positional in table.positionals + [table.command] {
            out += item("<\(positional.name)>", positional.help)
        }
        var titles: [String?] = [nil]
        for option in table.options where !titles.contains(option.section) { titles.append(option.section) }
        for title in titles {
            out.append("")
            out.append((title ?? "Options").uppercased() + ":")
            for option in table.options where option.section == title {
                out += item(label(option), description(option))
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// `-m, --mount[=FILE]`, `-S, --setuid <UID>`, `--force`.
    static func label(_ option: OptionSpec) -> String {
        var label = option.short.map { "-\($0), " } ?? ""
        switch option.value {
        case .none: label += "--" + option.long
        case .required(let name): label += "--" + option.long + " <" + name + ">"
        case .optional: label += option.longLabel
        }
        return label
    }

    static func description(_ option: OptionSpec) -> String {
        var text = option.help
        if !option.choices.isEmpty { text += " (values: " + option.choices.joined(separator: ", ") + ")" }
        if let value = option.defaultValue { text += " (default: " + value + ")" }
        return text
    }

    /// A label and its description, side by side where the label leaves room.
    static func item(_ label: String, _ text: String) -> [String] {
        let head = "  " + label
        let lines = wrap(text, width: width - column)
        let indent = String(repeating: " ", count: column)
        if head.count + 1 <= column {
            let first = head + String(repeating: " ", count: column - head.count) + (lines.first ?? "")
            return [first] + lines.dropFirst().map { indent + $0 }
        }
        return [head] + lines.map { indent + $0 }
    }

    /// Paragraphs wrapped; indented lines (examples) kept, continued with
    /// their indent when too long.
    static func discussion(_ text: String) -> [String] {
        var out: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let indent = line.prefix { $0 == " " }.count
            if indent == 0 {
                out += line.isEmpty ? [""] : wrap(String(line))
            } else {
                let pad = String(repeating: " ", count: indent)
                out += wrap(String(line.dropFirst(indent)), width: width - indent).map { pad + $0 }
            }
        }
        return out
    }

    /// Words into lines of at most `width` columns (a longer word alone).
    static func wrap(_ text: String, width: Int = width) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if line.isEmpty {
                line = String(word)
            } else if line.count + 1 + word.count <= width {
                line += " " + word
            } else {
                lines.append(line)
                line = String(word)
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }
}
