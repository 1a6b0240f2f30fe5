import Glibc

/// shadow's newuidmap(1) and newgidmap(1) (Debian package `uidmap`): setuid
/// helpers that let an unprivileged user map the subordinate ids delegated
/// to it in /etc/subuid and /etc/subgid.
public struct ShadowIDMappers: Equatable, Sendable {
    public var newuidmap: String?
    public var newgidmap: String?

    /// Finds the helpers that are needed, before anything is created.
    public static func locate(uid: Bool, gid: Bool) throws(XError) -> ShadowIDMappers {
        var found = ShadowIDMappers()
        if uid { found.newuidmap = try find("newuidmap") }
        if gid { found.newgidmap = try find("newgidmap") }
        return found
    }

    static func find(_ name: String) throws(XError) -> String {
        let directories = Environment.searchPath.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/sbin", "/bin", "/sbin"]
        for directory in directories where !directory.isEmpty {
            let path = directory + "/" + name
            if access(path, X_OK) == 0 { return path }
        }
        throw XError("cannot find \(name), which maps delegated ids for an unprivileged user",
                     errno: ENOENT, hint: "install it: apt-get install uidmap (or run as root)")
    }

    /// Runs `helper PID INNER OUTER COUNT…` and waits for it.
    func run(_ helper: String, pid: pid_t, map: IDMap, what: String) throws(XError) {
        let argv = [helper, String(pid)] + map.helperArguments
        if Trace.isDryRun {
            Trace.line("execve(\(traceString(helper)), [\(argv.map(traceString).joined(separator: ", "))]) (dry run: not run)")
            return
        }
        guard let child = try ChildProcess.fork() else {
            let arguments = CStringArray(argv)
            systemCall("execve", "\(traceString(helper)), [\(argv.map(traceString).joined(separator: ", "))]",
                       changesState: false, replacesProcess: true) { execv(helper, arguments.pointers) }
            _exit(ExitStatus.cannotExecute)
        }
        let status = try child.wait()
        guard status == .exited(0) else {
            throw XError("cannot set \(what) with \(helper): it ended with status \(status.shellStatus)",
                         hint: "\(helper) allows only the ranges /etc/sub\(helper.hasSuffix("uidmap") ? "u" : "g")id delegates to you")
        }
    }
}
