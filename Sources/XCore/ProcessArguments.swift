import CLinux

/// The process's argv, as the loader passed it. Unlike `CommandLine.arguments`
/// (read from /proc/self/cmdline on Linux) this works before /proc is mounted:
/// an ELF constructor in CLinux saw argc/argv before Swift started.
public enum ProcessArguments {
    public static var all: [String] {
        let argc = Int(xns_argc())
        guard argc > 0, let argv = xns_argv() else { return [] }
        return (0..<argc).map { argv[$0].map { String(cString: $0) } ?? "" }
    }
}
