import CLinux
import Glibc
import XCore

/// The one binary behind the five tools, installed as links named after
/// them (as busybox is): the name it was started by says which tool runs —
/// argv[0]'s file name, else the name of the file executed — or
/// `xns TOOL [ARG...]` names it. One file is what lets a chain of x-tools
/// run in one process (`ExecElision`).
public enum Multicall {
    /// `tools` are the x-tools; `classic` the personalities the binary
    /// takes under the classic names (`unshare`, `chroot` …: ClassicMain).
    public static func run(_ tools: [any ChainTool.Type], classic: [any ClassicTool.Type]) -> Never {
        ExecElision.runner = { path, argv in start(tools, classic, argv: argv, executable: path) }
        start(tools, classic, argv: ProcessArguments.all, executable: xns_executable_path().map { String(cString: $0) })
    }

    static func start(_ tools: [any ChainTool.Type], _ classic: [any ClassicTool.Type], argv: [String], executable: String?) -> Never {
        // (A [String], not a [String?]: the runtime builds the metadata of
        // every other array type at its first use, at every start.)
        for path in [argv.first ?? "", executable ?? ""] where !path.isEmpty {
            let name = fileName(of: path)
            if let tool = tools.first(where: { $0.name == name }) { ToolMain.run(tool) }
            if let tool = classic.first(where: { $0.name == name }) { ClassicMain.run(tool) }
        }
        let listing = (tools.map { $0.name } + classic.map { $0.name }).joined(separator: ", ")
        if argv.count >= 2, let words = xns_argv() {
            // `xns TOOL [ARG...]`: TOOL sees the command line from its name on.
            if let tool = tools.first(where: { $0.name == argv[1] }) {
                xns_set_arguments(xns_argc() - 1, words + 1)
                ToolMain.run(tool)
            }
            if let tool = classic.first(where: { $0.name == argv[1] }) {
                xns_set_arguments(xns_argc() - 1, words + 1)
                ClassicMain.run(tool)
            }
        }
        Diagnostics.toolName = "xns"
        let given = argv.count >= 2 ? "unknown tool \(quoted(argv[1]))" : "no tool named"
        Diagnostics.report(XError.usage(given, hint: "run as \(listing) (a link of that name to this file), or as 'xns TOOL [ARG...]'"))
        exit(ExitStatus.failure)
    }
}
