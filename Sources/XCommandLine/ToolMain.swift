import CLazyLibraries
import CLinux
import Glibc
import XCore

/// How every tool starts: argv from the ELF constructor (so it works without
/// /proc), the tool's table parsed by `CommandLineParser`, usage errors as
/// one stderr line and exit status 125, and the tool's own step run with its
/// `XError`s reported the same way.
public enum ToolMain {
    public static func run<Tool: ChainTool>(_ tool: Tool.Type) -> Never {
        let table = Tool.table
        Diagnostics.toolName = table.name
        xns_lazy_libraries_set_tool_name(table.name)
        refuseSecureExecution()
        let parsed: Tool
        let line: ParsedCommandLine
        do {
            switch try CommandLineParser.parse(Array(ProcessArguments.all.dropFirst()), table) {
            case .run(let parsedLine):
                line = parsedLine
            case .help:
                Diagnostics.writeStandardOutput(HelpText.render(table))
                exit(0)
            case .version:
                Diagnostics.writeStandardOutput(xnsVersion + "\n")
                exit(0)
            case .completionScript(let shell):
                guard let script = CompletionScript.render(table, shell: shell) else {
                    usageError(table, XError.usage("the value \(quoted(shell)) is invalid for '--generate-completion-script <SHELL>'",
                                                   hint: "one of " + CompletionScript.shells.map { quoted($0) }.joined(separator: ", ")))
                }
                Diagnostics.writeStandardOutput(script)
                exit(0)
            }
            parsed = try Tool(line)
        } catch {
            usageError(table, error)
        }

        Trace.configure(trace: line.trace, dryRun: line.dryRun)
        do {
            try perform(parsed)
        } catch {
            Diagnostics.report(error)
            exit(error.status)
        }
    }

    /// The tool's step, kept out of line so that a profile (benchmarks/
    /// startup.py) tells the start of a tool from its work.
    @inline(never)
    static func perform<Tool: ChainTool>(_ tool: Tool) throws(XError) -> Never {
        try tool.perform()
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

    /// A usage error: its line, and a hint (its own, or where help is).
    static func usageError(_ table: OptionTable, _ error: XError) -> Never {
        var error = error
        if error.hint == nil { error.hint = "see '\(table.name) --help'" }
        Diagnostics.report(error)
        exit(ExitStatus.failure)
    }
}
