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
