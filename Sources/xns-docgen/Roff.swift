import Foundation

// Escaping for mdoc(7) input, following mandoc's escaping guide
// (https://mandoc.bsd.lv/mdoc/intro/escaping.html) and groff's rendering:
//
// - a backslash is written `\e`, never `\\`;
// - a text line that would begin with `.` or `'` gets a leading `\&`;
// - `-` is a hyphen (rendered U+2010 by groff in UTF-8) and `\-` an ASCII
//   minus: option names, code and shell text use `\-` so that they can be
//   copied; a hyphen between two words of prose ("util-linux") stays a hyphen;
// - in code, `'` is written `\(aq` (groff would print a typographic quote);
//   `` ` ``, `^` and `~` are always written `\(ga`, `\(ha`, `\(ti`;
// - characters outside ASCII become `\[uXXXX]`, so that the page is ASCII
//   and reads the same under mandoc and groff whatever the locale;
// - on a macro line, `"` is `\(dq`, an argument with blanks is quoted, and a
//   word that mdoc would take as a macro name or a delimiter gets `\&`.
enum Roff {
    enum Style {
        /// Running text: hyphens inside words stay hyphens.
        case prose
        /// Option names, values, commands: every `-` is a minus, `'` is `\(aq`.
        case code
    }

    /// Running text (one sentence) as text lines of at most 80 bytes where
    /// the words allow it (mandoc's style), never starting a macro. A line
    /// that ends with a word ending in `.`, `!` or `?` (as "e.g.") gets a
    /// `\&`, so that roff does not take it for the end of a sentence.
    static func textLines(_ text: String) -> [String] {
        let words = escape(text, style: .prose).split(separator: " ", omittingEmptySubsequences: true)
        var lines: [String] = []
        var line = ""
        var lastEndsSentence = false
        for word in words {
            if !line.isEmpty, line.utf8.count + 1 + word.utf8.count > 80 {
                lines.append(lastEndsSentence ? line + "\\&" : line)
                line = ""
            }
            line += line.isEmpty ? String(word) : " " + word
            lastEndsSentence = word.trimmingSuffix(while: { ")\"'".contains($0) })
                .last.map { ".!?".contains($0) } ?? false
        }
        if !line.isEmpty { lines.append(line) }
        return lines.map(protectLineStart)
    }

    /// One line of a literal display: leading blanks are kept.
    static func literalLine(_ text: String) -> String {
        protectLineStart(escape(text, style: .code))
    }

    /// One argument of a macro line, quoted when it contains blanks.
    static func argument(_ text: String, style: Style = .code) -> String {
        var escaped = escape(text, style: style).replacingOccurrences(of: "\"", with: "\\(dq")
        if escaped.isEmpty { return "\"\"" }
        if escaped.contains(" ") || escaped.contains("\t") { return "\"" + escaped + "\"" }
        if macroNames.contains(escaped) || delimiters.contains(escaped) { escaped = "\\&" + escaped }
        return escaped
    }

    /// Running text as the arguments of a macro such as `.Nd`: one argument
    /// per word, so that no quoting is needed and spacing is mdoc's own.
    static func proseArguments(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
            .map { argument(String($0), style: .prose) }
            .joined(separator: " ")
    }

    // MARK: - Characters

    static func escape(_ text: String, style: Style) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = ""
        // Whether the current blank-separated word is an option (`--force`,
        // `(-c`, `--a/--b`): all its hyphens are minus signs.
        var wordIsOption = false
        var atWordStart = true
        for (i, scalar) in scalars.enumerated() {
            if scalar == " " || scalar == "\t" {
                atWordStart = true
                out.unicodeScalars.append(scalar)
                continue
            }
            if atWordStart {
                wordIsOption = startsOption(scalars, at: i)
                atWordStart = false
            }
            switch scalar {
            case "\\": out += "\\e"
            case "`": out += "\\(ga"
            case "^": out += "\\(ha"
            case "~": out += "\\(ti"
            case "'" where style == .code: out += "\\(aq"
            case "-":
                let hyphen = style == .prose && !wordIsOption
                    && i > 0 && isAlphanumeric(scalars[i - 1])
                    && i + 1 < scalars.count && isLetter(scalars[i + 1])
                out += hyphen ? "-" : "\\-"
            case "\n", "\r": out += " "
            default:
                if scalar.isASCII {
                    if scalar.value < 0x20 || scalar.value == 0x7F { out += " " } else { out.unicodeScalars.append(scalar) }
                } else {
                    out += "\\[u" + hex(scalar.value) + "]"
                }
            }
        }
        return out
    }

    /// A word is an option when, after opening punctuation, it starts with
    /// `-` followed by a letter, a digit or another `-`.
    private static func startsOption(_ scalars: [Unicode.Scalar], at start: Int) -> Bool {
        var i = start
        while i < scalars.count, "([{\"'".unicodeScalars.contains(scalars[i]) { i += 1 }
        guard i + 1 < scalars.count, scalars[i] == "-" else { return false }
        let next = scalars[i + 1]
        return next == "-" || isAlphanumeric(next)
    }

    private static func protectLineStart(_ line: String) -> String {
        if line.hasPrefix(".") || line.hasPrefix("'") { return "\\&" + line }
        return line
    }

    private static func isLetter(_ s: Unicode.Scalar) -> Bool {
        (s >= "a" && s <= "z") || (s >= "A" && s <= "Z")
    }

    private static func isAlphanumeric(_ s: Unicode.Scalar) -> Bool {
        isLetter(s) || (s >= "0" && s <= "9")
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// Words that mdoc would treat as punctuation when they stand alone.
    static let delimiters: Set<String> = ["(", "[", ".", ",", ":", ";", ")", "]", "?", "!", "|"]

    /// mdoc macro names: on a parsed macro line such a word would call the macro.
    static let macroNames: Set<String> = [
        "%A", "%B", "%C", "%D", "%I", "%J", "%N", "%O", "%P", "%Q", "%R", "%T", "%U", "%V",
        "Ac", "Ad", "An", "Ao", "Ap", "Aq", "Ar", "At", "Bc", "Bd", "Bf", "Bk", "Bl", "Bo",
        "Bq", "Brc", "Bro", "Brq", "Bsx", "Bt", "Bx", "Cd", "Cm", "D1", "Db", "Dc", "Dd",
        "Dl", "Do", "Dq", "Dt", "Dv", "Dx", "Ec", "Ed", "Ef", "Ek", "El", "Em", "En", "Eo",
        "Er", "Es", "Ev", "Ex", "Fa", "Fc", "Fd", "Fl", "Fn", "Fo", "Fr", "Ft", "Fx", "Hf",
        "Ic", "In", "It", "Lb", "Li", "Lk", "Lp", "Ms", "Mt", "Nd", "Nm", "No", "Ns", "Nx",
        "Oc", "Oo", "Op", "Os", "Ot", "Ox", "Pa", "Pc", "Pf", "Po", "Pp", "Pq", "Qc", "Ql",
        "Qo", "Qq", "Re", "Rs", "Rv", "Sc", "Sh", "Sm", "So", "Sq", "Ss", "St", "Sx", "Sy",
        "Ta", "Tn", "Ud", "Ux", "Va", "Vt", "Xc", "Xo", "Xr",
    ]
}


extension Substring {
    func trimmingSuffix(while predicate: (Character) -> Bool) -> Substring {
        var result = self
        while let last = result.last, predicate(last) { result.removeLast() }
        return result
    }
}
