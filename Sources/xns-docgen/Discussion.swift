// A command's discussion text, split the way the tools write it:
//
//     Prose paragraphs, separated by blank lines.
//
//     EXAMPLES
//       xchroot /srv/box /bin/sh
//
//     SEE ALSO
//       chroot(1), pivot_root(2)
//
// A line that is exactly "EXAMPLES" or "SEE ALSO" (blanks around it
// ignored) starts that part; everything before the first such line is the
// description.

struct Discussion {
    var description: [String] = []
    var examples: [String] = []
    var seeAlso: [String] = []

    init(_ text: String?) {
        enum Part { case description, examples, seeAlso }
        var part = Part.description
        for line in (text ?? "").split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(line).trimmingTrailingBlanks
            switch line.trimmingBlanks {
            case "EXAMPLES": part = .examples; continue
            case "SEE ALSO": part = .seeAlso; continue
            default: break
            }
            switch part {
            case .description: description.append(line)
            case .examples: examples.append(line)
            case .seeAlso: seeAlso.append(line)
            }
        }
    }
}

/// Lines of text grouped as mdoc wants them: paragraphs (separated by blank
/// lines), and inside a paragraph runs of prose and runs of indented lines.
enum TextBlock: Equatable {
    case prose(String)
    case indented([String])

    static func paragraphs(_ lines: [String]) -> [[TextBlock]] {
        var paragraphs: [[TextBlock]] = []
        var current: [TextBlock] = []
        func flush() { if !current.isEmpty { paragraphs.append(current); current = [] } }
        for line in lines {
            if line.trimmingBlanks.isEmpty { flush(); continue }
            let indented = line.first == " " || line.first == "\t"
            switch (current.last, indented) {
            case (.prose(let text)?, false):
                current[current.count - 1] = .prose(text + " " + line.trimmingBlanks)
            case (.indented(let run)?, true):
                current[current.count - 1] = .indented(run + [line])
            case (_, false):
                current.append(.prose(line.trimmingBlanks))
            case (_, true):
                current.append(.indented([line]))
            }
        }
        flush()
        return paragraphs
    }
}

/// The lines with their common leading blanks removed.
func removingCommonIndent(_ lines: [String]) -> [String] {
    let indents = lines.filter { !$0.trimmingBlanks.isEmpty }
        .map { $0.prefix(while: { $0 == " " || $0 == "\t" }).count }
    let common = indents.min() ?? 0
    return lines.map { String($0.dropFirst(min(common, $0.prefix(while: { $0 == " " || $0 == "\t" }).count))) }
}

/// Splits prose after each sentence, so that every sentence starts a line
/// of its own (mdoc's "new sentence, new line"): a sentence ends with `.`,
/// `!` or `?` (and any closing quote or parenthesis) followed by a blank and
/// a capital letter or digit (after any opening quote or parenthesis).
func sentences(_ text: String) -> [String] {
    let chars = Array(text)
    var result: [String] = []
    var current = ""
    var i = 0
    while i < chars.count {
        current.append(chars[i])
        if ".!?".contains(chars[i]) {
            var j = i + 1
            while j < chars.count, ")\"'".contains(chars[j]) { current.append(chars[j]); j += 1 }
            var k = j
            while k < chars.count, chars[k] == " " { k += 1 }
            var l = k
            while l < chars.count, "(\"'".contains(chars[l]) { l += 1 }
            if k > j, l < chars.count, chars[l].isUppercase || chars[l].isNumber {
                result.append(current)
                current = ""
                i = k
                continue
            }
            i = j
            continue
        }
        i += 1
    }
    if !current.trimmingBlanks.isEmpty { result.append(current.trimmingBlanks) }
    return result
}

extension StringProtocol {
    var trimmingBlanks: String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let first = firstIndex(where: { !isBlank($0) }),
              let last = lastIndex(where: { !isBlank($0) }) else { return "" }
        return String(self[first...last])
    }

    var trimmingTrailingBlanks: String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let last = lastIndex(where: { !isBlank($0) }) else { return "" }
        return String(self[...last])
    }
}
