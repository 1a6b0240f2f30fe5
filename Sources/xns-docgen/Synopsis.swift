// The SYNOPSIS section: from the tool's usage string when it has one
// (`xchroot [OPTION...] NEWROOT [COMMAND [ARG...]]`), otherwise built from
// its arguments.
//
// A usage string is read as: `[` and `]` for optional parts, `...` for
// repetition, words starting with `-` for options (`--name=VALUE` too),
// `<name>` and words without lower-case letters for placeholders, and other
// words for literal keywords. Each blank-separated element at the top level
// becomes one macro line; parts written without a blank between them are
// joined with `Ns`.

enum Synopsis {
    /// mdoc lines for one usage string (several lines: several synopses).
    static func fromUsage(_ usage: String, commandName: String) -> [String] {
        var lines: [String] = []
        for usageLine in usage.split(separator: "\n") {
            var tokens = tokenize(String(usageLine))
            guard !tokens.isEmpty else { continue }
            if case .word(let first) = tokens[0].kind, first == commandName {
                tokens.removeFirst()
                lines.append(".Nm")
            } else {
                lines.append(".Nm " + Roff.argument(commandName))
            }
            for element in topLevelElements(tokens) {
                lines.append(render(element))
            }
        }
        return lines
    }

    /// mdoc lines built from the arguments, in the library's usage order:
    /// options and flags first (not -h/--help, --version), then positionals.
    static func fromArguments(_ command: CommandInfo) -> [String] {
        var lines = [".Nm"]
        let arguments = (command.arguments ?? []).filter { $0.shouldDisplay && !$0.isBuiltInFlag }
        for argument in arguments where argument.kind != .positional {
            guard let name = argument.synopsisName else { continue }
            var body = ManPage.optionMacros(name, argument: argument)
            if argument.isRepeating { body += " ..." }
            lines.append(argument.isOptional ? ".Op " + body : "." + body)
        }
        for argument in arguments where argument.kind == .positional {
            var body = "Ar " + Roff.argument(argument.valueName ?? "ARG")
            if argument.isRepeating { body += " ..." }
            if argument.parsingStrategy == "postTerminator" { body = "Fl \\- " + body }
            lines.append(argument.isOptional ? ".Op " + body : "." + body)
        }
        return lines
    }

    // MARK: - Usage strings

    struct Token {
        enum Kind: Equatable { case open, close, ellipsis, word(String) }
        var kind: Kind
        /// A blank separates this token from the previous one.
        var spaced: Bool
    }

    static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var word = ""
        var spaced = true
        func flushWord() {
            if !word.isEmpty { tokens.append(Token(kind: .word(word), spaced: spaced)); spaced = false; word = "" }
        }
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == " " || c == "\t" {
                flushWord(); spaced = true; i += 1
            } else if c == "[" || c == "]" {
                flushWord()
                tokens.append(Token(kind: c == "[" ? .open : .close, spaced: spaced))
                spaced = false; i += 1
            } else if c == ".", i + 2 < chars.count, chars[i + 1] == ".", chars[i + 2] == "." {
                flushWord()
                tokens.append(Token(kind: .ellipsis, spaced: spaced))
                spaced = false; i += 3
            } else if c == "…" {
                flushWord()
                tokens.append(Token(kind: .ellipsis, spaced: spaced))
                spaced = false; i += 1
            } else {
                word.append(c); i += 1
            }
        }
        flushWord()
        return tokens
    }

    /// Splits tokens at blanks outside brackets.
    static func topLevelElements(_ tokens: [Token]) -> [[Token]] {
        var elements: [[Token]] = []
        var depth = 0
        for token in tokens {
            if depth == 0, token.spaced || elements.isEmpty, token.kind != .ellipsis || elements.isEmpty {
                elements.append([token])
            } else {
                elements[elements.count - 1].append(token)
            }
            switch token.kind {
            case .open: depth += 1
            case .close: depth = max(0, depth - 1)
            default: break
            }
        }
        return elements
    }

    /// One macro line: `.Op ...` when the element is exactly one bracketed
    /// group, otherwise its macros with `Oo`/`Oc` for brackets.
    static func render(_ element: [Token]) -> String {
        if element.count >= 2, element.first?.kind == .open, element.last?.kind == .close,
           matchingClose(element, from: 0) == element.count - 1 {
            return ".Op " + macros(Array(element[1..<(element.count - 1)]))
        }
        return "." + macros(element)
    }

    static func matchingClose(_ tokens: [Token], from start: Int) -> Int? {
        var depth = 0
        for i in start..<tokens.count {
            switch tokens[i].kind {
            case .open: depth += 1
            case .close:
                depth -= 1
                if depth == 0 { return i }
            default: break
            }
        }
        return nil
    }

    static func macros(_ tokens: [Token]) -> String {
        var parts: [String] = []
        var previous: Token.Kind? = nil
        for token in tokens {
            // No blank in the usage string: no space in the output either.
            // Brackets and ellipses take care of their own spacing.
            if !token.spaced, let previous, previous != .open,
               token.kind != .close, token.kind != .ellipsis {
                parts.append("Ns")
            }
            switch token.kind {
            case .open: parts.append("Oo")
            case .close: parts.append("Oc")
            case .ellipsis: parts.append("...")
            case .word(let word): parts.append(wordMacros(word))
            }
            previous = token.kind
        }
        return parts.joined(separator: " ")
    }

    static func wordMacros(_ word: String) -> String {
        if word == "|" { return "|" }
        if word == "--" { return "Fl \\-" }
        if word.hasPrefix("-"), word.count > 1 {
            if let equals = word.firstIndex(of: "="), equals > word.startIndex {
                let name = String(word[..<equals].dropFirst())
                let value = String(word[word.index(after: equals)...])
                return "Fl " + Roff.argument(name) + " Ns = Ns " + valueMacros(value)
            }
            return "Fl " + Roff.argument(String(word.dropFirst()))
        }
        if word.hasPrefix("="), word.count > 1 {
            return "= Ns " + valueMacros(String(word.dropFirst()))
        }
        return valueMacros(word)
    }

    static func valueMacros(_ word: String) -> String {
        if word.hasPrefix("<"), word.hasSuffix(">"), word.count > 2 {
            return "Ar " + Roff.argument(String(word.dropFirst().dropLast()))
        }
        if word.contains(where: \.isLowercase) {
            return "Cm " + Roff.argument(word)
        }
        return "Ar " + Roff.argument(word)
    }
}
