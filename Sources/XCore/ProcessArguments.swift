import CLinux

/// The process's argv, as the loader passed it. Unlike the Swift runtime's
/// `CommandLine.arguments` (found through /proc/self/maps on Linux) this works
/// before /proc is mounted: an ELF constructor in CLinux saw argc/argv before
/// Swift started.
public enum ProcessArguments {
    public static var all: [String] {
        let argc = Int(xns_argc())
        guard argc > 0, let argv = xns_argv() else { return [] }
        return (0..<argc).map { argv[$0].map { String(cString: $0) } ?? "" }
    }

    /// The loader's own argv pointers for the last `strings.count` words, if
    /// they still read as `strings`: COMMAND passed on as it came, byte for
    /// byte. (`String` repairs bytes that are not UTF-8; execve must not see
    /// the repair.) nil when `strings` is not the end of argv.
    public static func originalTail(matching strings: [String]) -> [UnsafeMutablePointer<CChar>?]? {
        let argc = Int(xns_argc())
        guard !strings.isEmpty, strings.count < argc, let argv = xns_argv() else { return nil }
        let start = argc - strings.count
        for (offset, string) in strings.enumerated() {
            guard let word = argv[start + offset], String(cString: word) == string else { return nil }
        }
        return (start..<argc).map { UnsafeMutablePointer(mutating: argv[$0]) } + [nil]
    }
}
