import Glibc
import XCore

/// From the command line to the mechanisms' inputs, with every check that
/// can be made before anything is created.
extension XUnshare {
    /// The namespaces asked for, directly or implied (--mount-proc implies
    /// --mount, every --map-* option --user).
    var namespaceKinds: Set<NamespaceKind> {
        var kinds = namespaces.kinds
        if mountProc || mountProcDir != nil { kinds.insert(.mount) }
        if idMaps.mapsIDs { kinds.insert(.user) }
        return kinds
    }

    /// The namespaces to keep on files, in the order they are kept.
    var filePaths: [(NamespaceKind, String?)] {
        [NamespaceKind.user, .cgroup, .ipc, .uts, .net, .pid, .mount, .time].map { ($0, namespaces.files[$0]) }
    }

    func checkOptionConflicts(_ kinds: Set<NamespaceKind>) throws(XError) {
        // 4294967295 is the kernel's "no change" (-1): refuse it before anything is made.
        for (option, id) in [("--setuid", setuid), ("--setgid", setgid)] {
            if let id, Credentials.numericID(String(id)) == nil {
                throw XError.usage("invalid id \(id) in \(option)")
            }
        }
        if killChild || killChildSignalName != nil, !fork {
            throw XError.usage("--kill-child goes with --fork", hint: "add --fork: only a forked child can be killed with its parent")
        }
        if runsInit && !(kinds.contains(.pid) && fork) {
            throw XError.usage("--init goes with --pid --fork", hint: "the init is PID 1 of the new pid namespace: xunshare --pid --fork --init …")
        }
        for kind in [NamespaceKind.pid, .time] where !fork && filePaths.contains(where: { $0.0 == kind && $0.1 != nil }) {
            throw XError.usage("\(kind.optionName)=FILE needs --fork",
                               hint: "the new \(kind.rawValue) namespace exists for the children only: it is kept through \(kind.unsharedProcName) once the first child is forked")
        }
        if (monotonic != nil || boottime != nil) && !kinds.contains(.time) {
            throw XError.usage("--monotonic and --boottime go with --time", hint: "clock offsets exist only in a new time namespace: add --time")
        }
        if (hostname != nil || domainname != nil) && !kinds.contains(.uts) {
            throw XError.usage("--hostname and --domainname go with --uts", hint: "without --uts they would rename the host: add --uts")
        }
        if idMaps.setgroups != nil && !kinds.contains(.user) {
            throw XError.usage("--setgroups goes with --user")
        }
        if keepCaps && !kinds.contains(.user) {
            throw XError.usage("--keep-caps goes with --user", hint: "it keeps the capabilities a new user namespace grants")
        }
        if boot && !(kinds.contains(.pid) && fork) {
            throw XError.usage("--boot goes with --pid --fork", hint: "an OS's init is PID 1 of its own pid namespace: xunshare --pid --fork --boot …")
        }
        if boot && runsInit {
            throw XError.usage("--boot and --init exclude each other", hint: "with --boot COMMAND is the init, PID 1")
        }
        for (given, option) in [(stopSignalName != nil, "--stop-signal"), (delegateCgroup != nil, "--delegate-cgroup"), (console != nil, "--console")]
            where given && !fork {
            throw XError.usage("\(option) goes with --fork", hint: "it is the parent, forked from the child, that does it")
        }
        if case .some(.some(let name)) = delegateCgroup, name.isEmpty || name.contains("/") || name == "." || name == ".." {
            throw XError.usage("--delegate-cgroup: \(quoted(name)) is not a cgroup name", hint: "one path component, such as --delegate-cgroup=box")
        }
        try idMaps.checkConflicts()
        if mountProcDir == "" {
            throw XError.usage("--mount-proc= needs a DIR", hint: "--mount-proc alone means /proc")
        }
    }

    func checkedNamespaceFiles() throws(XError) -> [NamespaceFile] {
        var files: [NamespaceFile] = []
        for case let (kind, path?) in filePaths {
            let file = NamespaceFile(kind: kind, path: path)
            try file.check()
            files.append(file)
        }
        return files
    }

    func stopSignalNumber() throws(XError) -> Int32? {
        guard let name = stopSignalName else { return boot ? SignalNames.number("RTMIN+3") : nil }
        guard let signal = SignalNames.number(name) else {
            throw XError.usage("unknown signal \(quoted(name)) in --stop-signal", hint: "a name such as TERM or RTMIN+3, or a number")
        }
        return signal
    }

    func killChildSignalNumber() throws(XError) -> Int32? {
        guard killChild || killChildSignalName != nil else { return nil }
        guard let name = killChildSignalName else { return SIGKILL }
        guard let signal = SignalNames.number(name) else {
            throw XError.usage("unknown signal \(quoted(name)) in --kill-child", hint: "a name such as TERM or SIGKILL, or a number")
        }
        return signal
    }
}
