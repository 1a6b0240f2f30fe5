import CLinux
import Glibc

/// Exec'ing the rest of the command line: the next link of the chain.
/// execvp(3) semantics (a name without `/` is searched in PATH, ENOEXEC falls
/// back to /bin/sh) with the exit status split of coreutils `env`: 127 when
/// COMMAND is not found, 126 when it is found but cannot be executed — and a
/// message that says why, looking inside the file when execve's errno alone
/// would mislead (ENOENT for a file that exists means a missing interpreter).
public enum NextLink {
    /// The tools of this package: in a dry run, the chain goes on through them.
    public static let chainTools: Set<String> = ["xunshare", "xnsenter", "xchroot", "xmountapi", "xveth"]

    /// Replaces the process with `argv`. Returns only by throwing.
    /// `place` names where COMMAND was looked for, for messages ("in '/srv/box'").
    /// `loginShell`: argv[0] becomes `-NAME` (`-sh` for /bin/sh), as
    /// util-linux runs $SHELL when there is no COMMAND.
    /// `searchesPath: false`: execv(3), the file argv[0] names as it is
    /// (switch_root's init), without execvp's PATH search.
    public static func exec(_ argv: [String], place: String? = nil, loginShell: Bool = false,
                            searchesPath: Bool = true) throws(XError) -> Never {
        precondition(!argv.isEmpty, "NextLink.exec needs a command")
        let command = argv[0]
        if command.isEmpty {
            // execvp(3) finds nothing by an empty name.
            throw XError("cannot run ''" + (place.map { " in \(quoted($0))" } ?? ""), errno: ENOENT, status: ExitStatus.notFound)
                .failing(.execute(command, errno: ENOENT))
        }
        let candidates = searchesPath ? Environment.searchCandidates(for: command) : [command]

        if Trace.isDryRun {
            let call = "execvp(\(traceString(command)), [\(argv.map(traceString).joined(separator: ", "))])"
            let found = candidates.first { access($0, X_OK) == 0 }
            guard let found, chainTools.contains(fileName(of: found)) else {
                Trace.line("\(call) (dry run: not run)")
                exit(0)
            }
            // Another x-tool: let it explain its own step, also without acting.
            Trace.line("\(call) (dry run: the next x-tool explains its own step)")
            Environment.set(Trace.dryRunVariable, "1")
        }

        let passed = loginShell ? ["-" + fileName(of: command)] + argv.dropFirst() : argv
        let built = CStringArray(passed)
        let pointers = ProcessArguments.originalTail(matching: passed) ?? built.pointers
        var sawPermissionDenied = false
        var lastFailure: (path: String, errno: Int32)?
        var missingInterpreter: String?
        for path in candidates {
            // The next x-tool of this same binary runs here, without an exec.
            ExecElision.runIfSameBinary(path: path, argv: passed, pointers: pointers)
            let result = systemCall("execve", "\(traceString(path)), [\(passed.map(traceString).joined(separator: ", "))]", changesState: false, replacesProcess: true) {
                execv(path, pointers)
            }
            switch result.errno {
            case ENOEXEC:
                // execvp(3): a file the kernel does not recognise is a shell script.
                let shell = CStringArray(["/bin/sh", path] + argv.dropFirst())
                systemCall("execve", "\"/bin/sh\", [\"/bin/sh\", \(traceString(path)), …]", changesState: false, replacesProcess: true) {
                    execv("/bin/sh", shell.pointers)
                }
                throw failure(command: command, path: path, errno: ENOEXEC, place: place)
            case EACCES:
                sawPermissionDenied = true
                lastFailure = (path, EACCES)
            case ENOENT, ENOTDIR, ESTALE, ENODEV, ETIMEDOUT:
                // A file that exists but "does not exist" (its interpreter is
                // missing): like execvp(3), look further along PATH, and say
                // why this one could not run if nothing else does.
                if result.errno == ENOENT, access(path, F_OK) == 0, missingInterpreter == nil {
                    missingInterpreter = path
                }
                if !sawPermissionDenied { lastFailure = (path, result.errno) }
            default:
                throw failure(command: command, path: path, errno: result.errno, place: place)
            }
        }
        if let missingInterpreter {
            throw failure(command: command, path: missingInterpreter, errno: ENOENT, place: place)
        }
        let (path, err) = lastFailure ?? (command, ENOENT)
        throw failure(command: command, path: path, errno: sawPermissionDenied ? EACCES : err, place: place)
    }

    /// The diagnostic for a failed exec of `path` (found for `command`).
    static func failure(command: String, path: String, errno err: Int32, place: String?) -> XError {
        describeFailure(command: command, path: path, errno: err, place: place).failing(.execute(command, errno: err))
    }

    static func describeFailure(command: String, path: String, errno err: Int32, place: String?) -> XError {
        let subject = quoted(command) + (place.map { " in \(quoted($0))" } ?? "")
        let root = open("/", xns_O_PATH | O_DIRECTORY | O_CLOEXEC)
        defer { if root >= 0 { close(root) } }
        let problem = root >= 0 && access(path, F_OK) == 0
            ? ExecutableInspection.problem(with: absolute(path), in: root) : .missing

        switch (err, problem) {
        case (ENOENT, .interpreterMissing(let interpreter)?), (ENOENT, .scriptInterpreterMissing(let interpreter)?):
            let isScript = problem == .scriptInterpreterMissing(interpreter)
            return XError("cannot run \(subject): its \(isScript ? "script interpreter" : "ELF interpreter") \(quoted(interpreter)) is missing",
                          hint: isScript
                              ? "install \(interpreter) in the root, or change the #! line of \(path)"
                              : "copy the dynamic loader and the libraries it needs into the root (ldd \(path) lists them), or use a statically linked program",
                          status: ExitStatus.cannotExecute)
        case (ENOENT, _), (ENOTDIR, _):
            return XError("cannot run \(subject)", errno: err,
                          hint: command.contains("/") ? nil : "searched PATH=\(Environment.searchPath)",
                          status: ExitStatus.notFound)
        case (EACCES, _):
            return XError("cannot run \(subject)", errno: err,
                          hint: problem == .notRegularFile ? "\(path) is not a regular file"
                              : "\(path) is not executable by this user, or its file system is mounted noexec",
                          status: ExitStatus.cannotExecute)
        default:
            return XError("cannot run \(subject)", errno: err, status: ExitStatus.cannotExecute)
        }
    }

    static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        guard let pointer = getcwd(nil, 0) else { return path }
        defer { free(pointer) }
        let cwd = String(cString: pointer)
        return (cwd == "/" ? "" : cwd) + "/" + path
    }
}

/// The last component of `path`, as exec names a process after the file it
/// runs ("/usr/bin/xchroot" → "xchroot").
public func fileName(of path: String) -> String {
    String(path.split(separator: "/").last ?? Substring(path))
}
