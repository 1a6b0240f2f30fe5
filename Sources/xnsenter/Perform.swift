import Glibc
import XCapabilities
import XCommandLine
import XCore

extension XNsenter {
    /// A directory opened before the namespaces are entered, and its name for messages.
    struct OpenedDirectory {
        let fd: FileDescriptor
        let name: String
    }

    func perform() throws(XError) -> Never {
        try checkOptionConflicts()
        try enter(credentialRule: .tolerant)
    }

    /// Opens everything, enters, changes directories, forks into a pid
    /// namespace, sets the ids and runs COMMAND (without COMMAND a
    /// login-style $SHELL, as util-linux runs it). The `nsenter`
    /// personality comes in here too, after its own checks.
    func enter(credentialRule: EntryCredentials.Rule) throws(XError) -> Never {
        if keepCaps { Capabilities.loadLibrary() }
        var requests = try namespaceRequests()
        let argv = command.isEmpty ? [Environment.value("SHELL") ?? "/bin/sh"] : command

        // Everything is opened and checked here, before the first setns:
        // bad input costs nothing.
        let process = try target.map { (pid) throws(XError) in try openTarget(pid, requests) }
        if all, let process {
            requests += try NamespaceEntry.allRequests(of: process, except: Set(requests.map(\.kind)))
        }
        let entry = try NamespaceEntry.open(requests, target: process, userParent: userParent,
                                            kernel: entersThroughNamespaceFiles ? nil : KernelVersion.running)
        let rootDirectory = try openDirectory(flag: root, path: rootDir, procFile: "root", what: "root directory", process)
        let workingDirectory = try openDirectory(flag: wd, path: wdDir, procFile: "cwd", what: "working directory", process)
        let environment = env ? try process?.environment() : nil
        if followContext, let process, SecurityContext.isSELinuxEnabled { try SecurityContext.follow(process) }
        // What was opened from /proc/PID is the target's only if it still runs.
        try process?.checkRunning(targetUse(requests))
        if joinCgroup, let process { try CgroupMembership.join(cgroupOf: process) }

        var credentials = EntryCredentials(uid: setuid, gid: setgid, entersUserNamespace: entry.kinds.contains(.user),
                                           preserve: preserveCredentials, rule: credentialRule)
        credentials.dropGroupsBeforeEntering()
        try entry.enter()
        try changeDirectories(root: rootDirectory, working: workingDirectory)
        if let environment { Environment.replace(with: environment) }

        if entry.kinds.contains(.pid) && !noFork {
            try runForked(argv, credentials, userNamespace: entry.kinds.contains(.user))
        }
        try becomeCommand(credentials, userNamespace: entry.kinds.contains(.user))
        try NextLink.exec(argv, loginShell: command.isEmpty)
    }

    func openTarget(_ pid: pid_t, _ requests: [NamespaceEntry.Request]) throws(XError) -> TargetProcess {
        let (process, err) = TargetProcess.open(pid)
        guard let process else {
            throw XError("\(targetUse(requests)) process \(pid)", errno: err,
                         hint: err == ESRCH ? "no process has PID \(pid) in this pid namespace (ps -e lists them)" : nil)
                .failing(.openTarget(pid))
        }
        return process
    }

    /// --root/--wd: the target's (/proc/PID/root, /proc/PID/cwd) or DIR, as
    /// seen from where xnsenter starts.
    func openDirectory(flag: Bool, path: String?, procFile: String, what: String,
                       _ process: TargetProcess?) throws(XError) -> OpenedDirectory? {
        if let path {
            let (fd, err) = FileDescriptor.directoryHandle(path)
            guard let fd else { throw XError.step("cannot open the \(what)", path, errno: err).failing(.open(path)) }
            return OpenedDirectory(fd: fd, name: path)
        }
        guard flag, let process else { return nil }
        let procPath = process.procPath(procFile)
        let (fd, err) = FileDescriptor.directoryHandle(procPath)
        guard let fd else {
            throw XError("cannot open the \(what) of \(process.name) (\(procPath))", errno: err,
                         hint: process.procHint(err)).failing(.open(procPath))
        }
        return OpenedDirectory(fd: fd, name: "the \(what) of \(process.name)")
    }

    /// --root, then --wdns or --wd. Without either, --root keeps the working
    /// directory (util-linux), which may then lie outside the new root.
    func changeDirectories(root: OpenedDirectory?, working: OpenedDirectory?) throws(XError) {
        var working = working
        if root != nil && working == nil && wdns == nil {
            let (current, err) = FileDescriptor.directoryHandle(".")
            guard let current else { throw XError("cannot open the current working directory", errno: err) }
            working = OpenedDirectory(fd: current, name: "the working directory")
        }
        if let root {
            try ChangeRoot.chroot(toDirectory: root.fd.raw, named: root.name)
        }
        if let wdns {
            try changeDirectory(wdns, hint: "--wdns is a directory inside the entered namespaces and root")
        } else if let working {
            let fd = working.fd.raw
            try systemCall("fchdir", String(fd)) { fchdir(fd) }.orThrow("cannot change directory to", working.name)
        }
    }

    /// A pid namespace was entered: only children are members of it. The
    /// child becomes COMMAND; the parent forwards signals, follows stops,
    /// and ends the way the child ends.
    func runForked(_ argv: [String], _ credentials: EntryCredentials, userNamespace: Bool) throws(XError) -> Never {
        let signals = try SignalForwarder()
        guard let child = try ChildProcess.fork() else {
            try becomeCommand(credentials, userNamespace: userNamespace)
            signals.restoreSignalMask()
            try NextLink.exec(argv, loginShell: command.isEmpty)
        }
        try signals.supervise(child, reapingOrphans: false, followingStops: true).endProcess()
    }

    /// The ids, then --keep-caps.
    func becomeCommand(_ credentials: EntryCredentials, userNamespace: Bool) throws(XError) {
        let keepsCapabilities = keepCaps && userNamespace
        if keepsCapabilities, let uid = credentials.targetUID, uid != 0 {
            try ProcessAttributes.keepCapabilitiesAcrossSetuid()
        }
        try credentials.apply()
        if keepsCapabilities {
            try Capabilities.raisePermittedToAmbient()
        }
    }
}
