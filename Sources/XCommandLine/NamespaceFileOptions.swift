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

/// Which of the eight namespace options were given: those without a FILE,
/// and the FILE of each given one (a FILE wins over the bare option).
public struct NamespaceSelection: Sendable, Equatable {
    public var asked: Set<NamespaceKind> = []
    public var files: [NamespaceKind: String] = [:]

    public init() {}

    public mutating func select(_ kind: NamespaceKind, file: String?) {
        if let file { files[kind] = file } else { asked.insert(kind) }
    }

    /// The option `NamespaceFileOptions.spec` made (its long name is the
    /// kind's); any other option selects nothing.
    public mutating func select(_ option: OptionSpec, file: String?) {
        if let kind = NamespaceKind(rawValue: option.long) { select(kind, file: file) }
    }

    public func isSelected(_ kind: NamespaceKind) -> Bool { asked.contains(kind) || files[kind] != nil }

    public var kinds: Set<NamespaceKind> { asked.union(files.keys) }
}
