import CLinux
import ArgumentParser
import Glibc
import XCore

/// How every tool starts: argv from the ELF constructor (so it works without
/// /proc), swift-argument-parser for the options, usage errors mapped to one
/// stderr line and exit status 125, and the tool's own step run with its
/// `XError`s reported the same way.
public enum ToolMain {
    public static func run<Tool: ChainTool>(_ tool: Tool.Type) -> Never {
        Diagnostics.toolName = Tool._commandName
        refuseSecureExecution()
        let original = Tool.preprocess(Array(ProcessArguments.all.dropFirst()))
        let optionalValues = Tool.optionalValueOptions
        let marked = EmptyAttachedValue.mark(OptionalValueOption.rewrite(original, for: optionalValues))
        var parsed = parse(Tool.self, marked)
        if EmptyAttachedValue.marked(marked, commandCount: parsed.command.count) {
            parsed = parse(Tool.self, EmptyAttachedValue.split(marked, commandCount: parsed.command.count, original: original))
        }
        // COMMAND as it came, whatever was rewritten for the parser.
        parsed.command = OptionalValueOption.restoreCommand(captured: parsed.command, original: original)

        if !Tool.commandFollowsPositional {
            switch CapturedCommand.classify(parsed.command) {
            case .command(let command):
                parsed.command = command
            case .help:
                Diagnostics.writeStandardOutput(helpText(Tool.self, Tool.helpMessage()) + "\n")
                exit(0)
            case .version:
                Diagnostics.writeStandardOutput(xnsVersion + "\n")
                exit(0)
            case .helpDump:
                Diagnostics.writeStandardOutput(Tool._dumpHelp() + "\n")
                exit(0)
            case .unknownOption(let option):
                usageError(Tool.self, "unknown option \(quoted(option))")
            }
        }

        Trace.configure(trace: parsed.teaching.trace, dryRun: parsed.teaching.dryRun)
        do {
            try parsed.perform()
        } catch {
            Diagnostics.report(error)
            exit(error.status)
        }
    }

    /// A tool run set-user-ID, set-group-ID or with file capabilities would
    /// hand whoever runs it the power to unshare, mount and change root: xns
    /// is not made for that (bwrap's setuid mode checks every option for
    /// it; these tools do not), so it refuses before reading any option.
    static func refuseSecureExecution() {
        guard xns_secure_execution() != 0 else { return }
        Diagnostics.report(XError("refusing to run set-user-ID, set-group-ID or with file capabilities",
                                  hint: "remove the bit or the capabilities (chmod u-s,g-s FILE; setcap -r FILE); run it as root, or rootless through xunshare --user --map-root-user",
                                  status: ExitStatus.failure))
        exit(ExitStatus.failure)
    }

    static func parse<Tool: ChainTool>(_ tool: Tool.Type, _ arguments: [String]) -> Tool {
        CompletionProbe.isSkipped = !CompletionProbe.mayAskForCompletionOrHelp(arguments)
        let parsed = Result { try Tool.parse(arguments) }
        // Messages and help are rendered with the tool's own configuration.
        CompletionProbe.isSkipped = false
        switch parsed {
        case .success(let tool): return tool
        case .failure(let error): finish(Tool.self, parseError: error)
        }
    }

    /// --help, --version and the generators end here with status 0; every
    /// parse error with one line and 125 (the library's own codes are 64 and 1).
    static func finish<Tool: ChainTool>(_ tool: Tool.Type, parseError error: Error) -> Never {
        if Tool.exitCode(for: error) == .success {
            Diagnostics.writeStandardOutput(helpText(Tool.self, Tool.fullMessage(for: error)) + "\n")
            exit(0)
        }
        usageError(Tool.self, EmptyAttachedValue.unmark(Tool.message(for: error)))
    }

    /// The library's help, with `--mount[=FILE]` for the optional values;
    /// any other message (a completion script, the help dump) as it is.
    static func helpText<Tool: ChainTool>(_ tool: Tool.Type, _ text: String) -> String {
        guard text.hasPrefix("OVERVIEW:") || text.hasPrefix("USAGE:") else { return text }
        return OptionalValueOption.decorateHelp(text, for: Tool.optionalValueOptions)
    }

    static func usageError<Tool: ChainTool>(_ tool: Tool.Type, _ message: String) -> Never {
        let line = message.split(separator: "\n").first.map(String.init) ?? message
        let text = line.prefix(1).lowercased() + line.dropFirst()
        Diagnostics.report(XError.usage(text, hint: "see '\(Tool._commandName) --help'"))
        exit(ExitStatus.failure)
    }
}

/// What swift-argument-parser's passthrough capture really holds. It keeps a
/// leading `--`, and captures an unknown option (or a `--help` after other
/// options, or `--experimental-dump-help`, which xns-docgen uses) as if it
/// were the program name; options must stop at the first non-option
/// (util-linux `+` getopt), so those cases are sorted out here.
public enum CapturedCommand: Equatable {
    case command([String])
    case help
    case version
    case helpDump
    case unknownOption(String)

    public static func classify(_ captured: [String]) -> CapturedCommand {
        guard let first = captured.first else { return .command([]) }
        if first == "--" { return .command(Array(captured.dropFirst())) }
        guard first.hasPrefix("-"), first != "-" else { return .command(captured) }
        switch first {
        case "-h", "--help": return .help
        case "--version": return .version
        case "--experimental-dump-help": return .helpDump
        default: return .unknownOption(first)
        }
    }
}
