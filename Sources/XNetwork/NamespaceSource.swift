import XCore

/// Where a network namespace is, as the command line names it.
public enum NamespaceSource: Equatable {
    /// The namespace the tool runs in.
    case current
    /// A persisted namespace: a bind-mounted nsfs file (`ip netns add`,
    /// `unshare --net=FILE`, `xunshare --net=FILE`).
    case file(String)
    /// The namespace of a running process (through a pidfd: no /proc needed).
    case process(Int32)
    /// An fd the caller opened on a namespace and handed down
    /// (`3</proc/PID/ns/net`); the tool consumes it.
    case inherited(Int32)

    /// For messages: "the network namespace '/run/netns/b'".
    public var label: String {
        switch self {
        case .current: return "this network namespace"
        case .file(let path): return "the network namespace \(quoted(path))"
        case .process(let pid): return "the network namespace of process \(pid)"
        case .inherited(let fd): return "the network namespace on fd \(fd)"
        }
    }

    /// For trace lines: where a netlink request goes, nil for the current namespace.
    public var traceLabel: String? {
        switch self {
        case .current: return nil
        case .file(let path): return "netns \(path)"
        case .process(let pid): return "netns of pid \(pid)"
        case .inherited(let fd): return "netns fd \(fd)"
        }
    }

    /// The namespace named by at most one of `--netns=FILE`, `--pid=PID` and
    /// `--netns-fd=N`; nil when none is given.
    public static func target(file: String?, pid: Int32?, fd: Int32?) throws(XError) -> NamespaceSource? {
        let given = [file.map { NamespaceSource.file($0) }, pid.map { .process($0) }, fd.map { .inherited($0) }]
            .compactMap { $0 }
        if given.count > 1 {
            throw XError.usage("--netns, --pid and --netns-fd exclude each other", hint: "name the target network namespace once")
        }
        if let pid, pid <= 0 {
            throw XError.usage("invalid process id \(pid) in --pid")
        }
        if let fd { try checkInherited(fd, option: "--netns-fd") }
        return given.first
    }

    /// An inherited fd must not be stdin, stdout or stderr: it is consumed.
    public static func checkInherited(_ fd: Int32, option: String) throws(XError) {
        if fd < 3 {
            throw XError.usage("invalid fd \(fd) in \(option): stdin, stdout and stderr cannot name a namespace",
                               hint: "open the namespace on fd 3 or above: \(option)=3 3</proc/PID/ns/net")
        }
    }
}
