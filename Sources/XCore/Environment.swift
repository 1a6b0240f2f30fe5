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
}

extension Environment {
    /// Replaces the whole environment with `entries` (NAME=VALUE), as
    /// `env -i NAME=VALUE…` would: COMMAND, and the PATH search for it, see
    /// only these from then on.
    public static func replace(with entries: [String]) {
        clearenv()
        for entry in entries {
            guard let equals = entry.firstIndex(of: "="), equals != entry.startIndex else { continue }
            setenv(String(entry[..<equals]), String(entry[entry.index(after: equals)...]), 1)
        }
    }
}
