import Glibc
import XCore

/// From the command line to the mechanisms' inputs, with every check that
/// can be made before anything is opened.
extension XNsenter {
    /// Each namespace option: asked for, and its FILE if one was given.
    var namespaceOptions: [(kind: NamespaceKind, asked: Bool, file: String?)] {
        [NamespaceKind.user, .cgroup, .ipc, .uts, .net, .pid, .mount, .time].map { kind in
            (kind, namespaces.asked.contains(kind), namespaces.files[kind])
        }
    }

    /// The namespaces asked for by name (not through --all), each from its
    /// FILE, the target, or (--net-socket) the target's socket.
    func namespaceRequests() throws(XError) -> [NamespaceEntry.Request] {
        var requests: [NamespaceEntry.Request] = []
        for option in namespaceOptions where option.asked || option.file != nil {
            if let file = option.file {
                guard !file.isEmpty else {
                    throw XError.usage("\(option.kind.optionName)= needs a FILE", hint: "\(option.kind.optionName) alone enters the --target's namespace")
                }
                requests.append(.init(option.kind, from: .file(file)))
            } else {
                guard target != nil else {
                    throw XError.usage("\(option.kind.optionName) needs --target PID, or a FILE: \(option.kind.optionName)=FILE")
                }
                requests.append(.init(option.kind, from: .target))
            }
        }
        if let netSocket {
            requests.append(.init(.net, from: .socket(netSocket)))
        }
        return requests
    }

    func checkOptionConflicts() throws(XError) {
        if let target, target <= 0 {
            throw XError.usage("invalid PID \(quoted(String(target))) for --target", hint: "a process id, as ps -e lists them")
        }
        let needsTarget: [(Bool, String, String)] = [
            (all, "--all", "the namespaces it enters are the target's"),
            (netSocket != nil, "--net-socket", "FD is a file descriptor of the target"),
            (root && rootDir == nil, "--root", "or give a DIR: --root=DIR"),
            (wd && wdDir == nil, "--wd", "or give a DIR: --wd=DIR"),
            (env, "--env", "the environment is the target's"),
            (followContext, "--follow-context", "the context is the target's"),
            (joinCgroup, "--join-cgroup", "the cgroup joined is the target's"),
        ]
        for (asked, option, why) in needsTarget where asked && target == nil {
            throw XError.usage("\(option) needs --target PID", hint: why)
        }
        if let netSocket, netSocket < 0 {
            throw XError.usage("invalid file descriptor \(quoted(String(netSocket))) for --net-socket")
        }
        if netSocket != nil && namespaces.isSelected(.net) {
            throw XError.usage("--net-socket and --net exclude each other", hint: "both name the network namespace to enter: pick one")
        }
        if rootDir == "" || wdDir == "" {
            throw XError.usage("--\(rootDir == "" ? "root" : "wd")= needs a DIR", hint: "--\(rootDir == "" ? "root" : "wd") alone means the target's")
        }
        if (wd || wdDir != nil) && wdns != nil {
            throw XError.usage("--wd and --wdns exclude each other", hint: "--wd is a directory as seen before entering, --wdns one inside")
        }
        for (id, option) in [(setuid, "--setuid"), (setgid, "--setgid")] where id == UInt32.max {
            throw XError.usage("invalid id 4294967295 for \(option)", hint: "(uid_t)-1 means 'no change' to the kernel")
        }
        if keepCaps && !(namespaces.isSelected(.user) || all) {
            throw XError.usage("--keep-caps goes with --user (or --all)", hint: "it keeps the capabilities an entered user namespace grants")
        }
        let entersAny = all || netSocket != nil || namespaceOptions.contains { $0.asked || $0.file != nil }
        let changesAny = joinCgroup || root || rootDir != nil || wd || wdDir != nil || wdns != nil || env || setuid != nil || setgid != nil
        if !entersAny && !changesAny {
            throw XError.usage("no namespace to enter",
                               hint: "name them (--mount, --net, … or --all) with --target PID, or give namespace files (--net=FILE)")
        }
    }

    /// What the target is used for, for messages: "enter the mount, net namespaces of".
    func targetUse(_ requests: [NamespaceEntry.Request]) -> String {
        let fromTarget = Set(requests.filter { !isFile($0.source) }.map(\.kind))
        if all { return "cannot enter the namespaces of" }
        if fromTarget.isEmpty { return "cannot use" }
        return "cannot enter " + NamespaceEntry.describe(fromTarget) + " of"
    }

    private func isFile(_ source: NamespaceEntry.Source) -> Bool {
        if case .file = source { return true }
        return false
    }
}
