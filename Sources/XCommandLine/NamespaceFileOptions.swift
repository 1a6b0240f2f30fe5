import XCore

/// The eight namespace options of xunshare and xnsenter, `--mount[=FILE]` …
/// `--time[=FILE]`: xunshare keeps a new namespace on FILE, xnsenter enters
/// the namespace kept there. The short names are util-linux's.
public enum NamespaceFileOptions {
    public static func spec(_ kind: NamespaceKind, help: String) -> OptionSpec {
        .optionalValue(kind.rawValue, short: shortName(kind), value: "FILE", help: help)
    }

    static func shortName(_ kind: NamespaceKind) -> Character {
        switch kind {
        case .mount: return "m"
        case .uts: return "u"
        case .ipc: return "i"
        case .net: return "n"
        case .pid: return "p"
        case .user: return "U"
        case .cgroup: return "C"
        case .time: return "T"
        }
    }
}
