import Glibc

/// Small helpers over the process environment (glibc's `environ`, which needs no /proc).
public enum Environment {
    public static func value(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    public static func set(_ name: String, _ value: String) {
        setenv(name, value, 1)
    }

    /// The search path for COMMAND; execvp(3)'s default when PATH is unset.
    public static var searchPath: String {
        value("PATH") ?? "/bin:/usr/bin"
    }

    /// The paths execvp(3) tries for `command`, in order: the command itself
    /// when it has a slash, else each PATH entry joined with it (an empty
    /// entry is the current directory).
    public static func searchCandidates(for command: String, path: String = searchPath) -> [String] {
        if command.contains("/") { return [command] }
        return path.split(separator: ":", omittingEmptySubsequences: false)
            .map { ($0.isEmpty ? "." : String($0)) + "/" + command }
    }
}

extension Environment {
    /// Replaces the whole environment with `entries` (NAME=VALUE), as
    /// `env -i NAME=VALUE…` would: COMMAND, and the PATH search for it, see
    /// only these from then on. Entries are bytes: a value need not be
    /// UTF-8, and reaches COMMAND as it was.
    public static func replace(with entries: [[UInt8]]) {
        clearenv()
        for entry in entries {
            guard let equals = entry.firstIndex(of: UInt8(ascii: "=")), equals != entry.startIndex else { continue }
            let name = entry[..<equals].map { CChar(bitPattern: $0) } + [0]
            let value = entry[(equals + 1)...].map { CChar(bitPattern: $0) } + [0]
            setenv(name, value, 1)
        }
    }
}

extension Environment {
    /// Keeps only the variables named in `names` (none: an empty
    /// environment), as util-linux unshare's --whitelist-env and --clear-env
    /// do: values are kept byte for byte.
    public static func keepOnly(_ names: [String]) {
        var kept: [[UInt8]] = []
        var entry = environ
        while let pointer = entry.pointee {
            let bytes = Array(UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: strlen(pointer)))
            if let equals = bytes.firstIndex(of: UInt8(ascii: "=")),
               names.contains(where: { Array($0.utf8) == Array(bytes[..<equals]) }) {
                kept.append(bytes)
            }
            entry += 1
        }
        if Trace.isTracing { Trace.line("environment: keep \(names.isEmpty ? "nothing" : names.joined(separator: ","))") }
        replace(with: kept)
    }
}
