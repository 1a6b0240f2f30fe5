import CLazyLibraries
import Glibc
import XCore

/// How a classic-name personality starts and ends: its command line read by
/// getopt_long (`Getopt`), --help and --version where they stand, and every
/// error in the real tool's shape — `NAME: message` with no hint line,
/// util-linux's or coreutils' "Try 'NAME --help' for more information."
/// after bad usage, and the dialect's exit status (1 for util-linux, 125
/// for coreutils; 126 and 127 for a COMMAND that cannot run or is not
/// found). NAME is argv[0]'s file name, as the real tools'
/// program_invocation_short_name. Tracing works through XNS_TRACE=1 and
/// XNS_DRY_RUN=1 (the real tools have no --trace option to copy).
public enum ClassicMain {
    public static func run<Tool: ClassicTool>(_ tool: Tool.Type) -> Never {
        let argv = ProcessArguments.all
        let name = argv.first.map { fileName(of: $0) } ?? Tool.name
        Diagnostics.toolName = name
        xns_lazy_libraries_set_tool_name(name)
        ToolMain.refuseSecureExecution()
        var parsed = Tool()
        var request: ClassicOption.Role = .normal
        do {
            let rest = try Getopt.scan(argv.isEmpty ? [Tool.name] : argv, Tool.Option.self,
                                       permuting: Tool.permutesArguments) { (key, value) throws(XError) in
                switch key.option.role {
                case .normal:
                    try parsed.read(key, value)
                    return true
                case .help, .version:
                    request = key.option.role
                    return false
                }
            }
            guard let rest else { tryHelp(Tool.self, name) }
            switch request {
            case .help:
                Diagnostics.writeStandardOutput(help(Tool.self, name))
                exit(0)
            case .version:
                Diagnostics.writeStandardOutput(Tool.version + "\n")
                exit(0)
            case .normal:
                break
            }
            try parsed.readOperands(rest)
        } catch {
            fail(Tool.self, error)
        }
        Trace.configure(trace: false, dryRun: false)
        do {
            try perform(parsed)
        } catch {
            fail(Tool.self, error)
        }
    }

    @inline(never)
    static func perform<Tool: ClassicTool>(_ tool: Tool) throws(XError) -> Never {
        try tool.perform()
    }

    /// The error line (hints are the x-tools' own: scripts that compare the
    /// real tools' stderr would see an extra line), then for bad usage the
    /// Try line, and the dialect's status.
    static func fail<Tool: ClassicTool>(_ tool: Tool.Type, _ error: XError) -> Never {
        Diagnostics.writeStandardError("\(Diagnostics.toolName): \(Diagnostics.oneLine(error.text))\n")
        if error.isUsage { tryHelp(Tool.self, Diagnostics.toolName) }
        exit(status(Tool.dialect, error))
    }

    /// 125, the x-tools' "the tool failed", is the dialect's failure status.
    static func status(_ dialect: ClassicDialect, _ error: XError) -> Int32 {
        error.status == ExitStatus.failure ? dialect.failureStatus : error.status
    }

    static func tryHelp<Tool: ClassicTool>(_ tool: Tool.Type, _ name: String) -> Never {
        Diagnostics.writeStandardError("Try '\(name) --help' for more information.\n")
        exit(Tool.dialect.failureStatus)
    }

    /// util-linux's layout: Usage, the description, Options with a column.
    static func help<Tool: ClassicTool>(_ tool: Tool.Type, _ name: String) -> String {
        let options = Tool.Option.allCases.map { $0.option }
        let width = min(26, (options.map { $0.synopsis.count }.max() ?? 0) + 2)
        var text = "\nUsage:\n"
        for line in Tool.usage { text += " \(name) \(line)\n" }
        text += "\n" + Tool.abstract + "\n\nOptions:\n"
        for option in options {
            let left = " " + option.synopsis
            let pad = left.count < width + 1 ? String(repeating: " ", count: width + 1 - left.count) : "\n" + String(repeating: " ", count: width + 1)
            text += left + pad + option.help + "\n"
        }
        text += "\nThis is xns (\(xnsVersion)) under the name \(Tool.name); see xns-compat(7) for what differs from the original.\n"
        return text
    }
}
