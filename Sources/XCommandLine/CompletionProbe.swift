import ArgumentParser

/// swift-argument-parser looks for `--generate-completion-script` before
/// every parse by parsing the whole command line twice more as two commands
/// of its own — with a cold metadata cache that is a third of a tool's
/// start-up. It skips that probe for a command that declares a super-command
/// name (a plugin's pseudo-command), and the name is used for nothing else
/// but help and the help dump. So while a command line that cannot ask for a
/// completion script or for help is parsed, the tools declare one; the
/// outcome of the parse is the same, only the probe that would have found
/// nothing is not made.
enum CompletionProbe {
    nonisolated(unsafe) static var isSkipped = false

    /// The tool's configuration as the parser should see it now.
    static func configuration(_ definition: CommandConfiguration) -> CommandConfiguration {
        guard isSkipped else { return definition }
        var configuration = definition
        configuration._superCommandName = ""
        return configuration
    }

    /// Whether any word could make the parser produce a completion script
    /// or help: `--generate-completion-script[=SHELL]`, `--help`, `-h` (alone
    /// or in a cluster of short options), `help`, `--experimental-dump-help`.
    static func mayAskForCompletionOrHelp(_ arguments: [String]) -> Bool {
        arguments.contains { word in
            if word == "help" || word.hasPrefix("--generate-completion-script") || word.hasPrefix("--help")
                || word.hasPrefix("--experimental") { return true }
            return word.hasPrefix("-") && !word.hasPrefix("--") && word.utf8.contains(UInt8(ascii: "h"))
        }
    }
}

extension ChainTool {
    public static var configuration: CommandConfiguration { CompletionProbe.configuration(definition) }
}
