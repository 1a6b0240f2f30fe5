/// The options before COMMAND in the order they were given. swift-argument-
/// parser keeps each option's values but not the order between options; a
/// tool whose steps apply in command-line order (xmountapi) reads it here.
/// Only long options are read; options stop at `--` or the first non-option.
public enum OrderedOptions {
    /// `(name, value)` pairs: `--name=value`, or `--name value` for names in
    /// `valued`; nil for a flag.
    public static func scan(_ arguments: [String], valued: Set<String>) -> [(name: String, value: String?)] {
        var result: [(name: String, value: String?)] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            guard argument.hasPrefix("--"), argument != "--" else { break }
            if let equals = argument.firstIndex(of: "=") {
                result.append((String(argument[..<equals]), String(argument[argument.index(after: equals)...])))
            } else if valued.contains(argument), index + 1 < arguments.count {
                result.append((argument, arguments[index + 1]))
                index += 1
            } else {
                result.append((argument, nil))
            }
            index += 1
        }
        return result
    }

    /// util-linux `--mount-proc[=DIR]` style: an option whose value may be
    /// left out gets its default (`--proc` becomes `--proc=/proc`), so the
    /// parser, which has no optional values, sees one. Only before COMMAND.
    public static func fillOptionalValues(_ arguments: [String], defaults: [String: String], valued: Set<String>) -> [String] {
        var result = arguments
        var index = 0
        while index < result.count {
            let argument = result[index]
            guard argument.hasPrefix("-"), argument != "--", argument != "-" else { break }
            if let value = defaults[argument] {
                result[index] = argument + "=" + value
            } else if valued.contains(argument) {
                index += 1
            }
            index += 1
        }
        return result
    }
}
