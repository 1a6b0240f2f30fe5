import CLinux

/// The eight kinds of Linux namespaces and what the tools need to know of
/// each: its clone flag, its file in /proc/PID/ns, its util-linux option name.
public enum NamespaceKind: String, CaseIterable, Sendable {
    // The order is util-linux's order of binding namespace files, the user
    // namespace first: it owns the others.
    case user, cgroup, ipc, uts, net, pid, mount, time

    public var cloneFlag: Int32 {
        switch self {
        case .mount: return xns_CLONE_NEWNS
        case .uts: return xns_CLONE_NEWUTS
        case .ipc: return xns_CLONE_NEWIPC
        case .net: return xns_CLONE_NEWNET
        case .pid: return xns_CLONE_NEWPID
        case .user: return xns_CLONE_NEWUSER
        case .cgroup: return xns_CLONE_NEWCGROUP
        case .time: return xns_CLONE_NEWTIME
        }
    }

    /// The constant's name, as strace shows it.
    public var flagName: String {
        switch self {
        case .mount: return "CLONE_NEWNS"
        case .uts: return "CLONE_NEWUTS"
        case .ipc: return "CLONE_NEWIPC"
        case .net: return "CLONE_NEWNET"
        case .pid: return "CLONE_NEWPID"
        case .user: return "CLONE_NEWUSER"
        case .cgroup: return "CLONE_NEWCGROUP"
        case .time: return "CLONE_NEWTIME"
        }
    }

    /// The namespace's file in /proc/PID/ns.
    public var procName: String {
        self == .mount ? "mnt" : rawValue
    }

    /// The file that names the namespace created by unshare(2). unshare of a
    /// pid or time namespace does not move the caller, only its future
    /// children: their namespace is `pid_for_children`/`time_for_children`.
    public var unsharedProcName: String {
        switch self {
        case .pid, .time: return procName + "_for_children"
        default: return procName
        }
    }

    /// The long option that creates it: "--mount", "--net", …
    public var optionName: String { "--" + rawValue }

    /// The sysctl that limits how many of them a user may have.
    public var limitSysctl: String { "user.max_\(procName)_namespaces" }

    /// Clone flags as strace shows them: `CLONE_NEWNS|CLONE_NEWPID`.
    public static func traceFlags(_ flags: Int32) -> String {
        // strace's order: by bit value.
        let named = allCases.map { ($0.cloneFlag, $0.flagName) }.sorted { $0.0 < $1.0 }
        return XCore.traceFlags(flags, named)
    }

    /// The union of the kinds' clone flags.
    public static func flags<S: Sequence>(_ kinds: S) -> Int32 where S.Element == NamespaceKind {
        kinds.reduce(0) { $0 | $1.cloneFlag }
    }
}
