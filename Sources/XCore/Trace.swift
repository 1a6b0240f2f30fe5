import Glibc

/// Tracing (`--trace`, `XNS_TRACE=1`) and explaining (`--dry-run`,
/// `XNS_DRY_RUN=1`): each system call a tool makes is shown on stderr as
/// `xunshare[412]: unshare(CLONE_NEWNS) = 0`, so a chain can be read step by
/// step. The environment switches are inherited, so one switch covers a chain.
public enum Trace {
    /// Print each system call as it is made.
    nonisolated(unsafe) public static var isTracing = false
    /// Print the calls that change state instead of making them.
    nonisolated(unsafe) public static var isDryRun = false

    public static let traceVariable = "XNS_TRACE"
    public static let dryRunVariable = "XNS_DRY_RUN"

    /// Sets the mode from the tool's flags and the inherited environment.
    public static func configure(trace: Bool, dryRun: Bool) {
        isDryRun = dryRun || environmentSwitch(dryRunVariable)
        isTracing = trace || isDryRun || environmentSwitch(traceVariable)
    }

    /// One trace line: `tool[pid]: text`. One line whatever the text holds:
    /// a newline or carriage return in it (a path from the command line, in
    /// a plan line) is written as \n or \r.
    public static func line(_ text: String) {
        var line = text
        if line.utf8.contains(where: { $0 == 0x0a || $0 == 0x0d }) {
            line = ""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\n": line += "\\n"
                case "\r": line += "\\r"
                default: line.unicodeScalars.append(scalar)
                }
            }
        }
        Diagnostics.writeStandardError("\(Diagnostics.toolName)[\(getpid())]: \(line)\n")
    }

    /// An environment switch is on unless unset, empty or "0".
    static func environmentSwitch(_ name: String) -> Bool {
        guard let value = getenv(name) else { return false }
        let text = String(cString: value)
        return !text.isEmpty && text != "0"
    }
}
