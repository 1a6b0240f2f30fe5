import Glibc
import XCapabilities
import XCommandLine
import XCore

extension XChroot {
    func perform() throws(XError) -> Never {
        try checkOptionConflicts()
        if dropCaps || keepCaps != nil { Capabilities.loadLibrary() }
        let keptCapabilities: [UInt32]? = dropCaps ? [] : try keepCaps.map { (list) throws(XError) in try Capabilities.parse(list) }

        let (root, openError) = FileDescriptor.directoryHandle(newRoot)
        guard let root else {
            throw XError.step("cannot change root to", newRoot, errno: openError)
        }
        if skipChdir, !isCurrentRoot(root.raw) {
            throw XError.usage("--skip-chdir is only permitted if NEWROOT is the current root '/'")
        }
        let credentials = userspec == nil && groups == nil
            ? Credentials()
            : try Credentials.resolve(userspec: userspec, groups: groups, in: UserDatabase(root: root.raw))
        let argv = command.isEmpty ? [Environment.value("SHELL") ?? "/bin/sh", "-i"] : command

        if pivotRoot {
            try refuseInitialMountNamespace()
            try refuseInheritedDirectoriesOutside(root.raw)
            try PivotRoot.pivot(to: newRoot, rootDirectory: root.raw)
        } else if switchRoot {
            try SwitchRoot.check(newRoot: newRoot, rootDirectory: root.raw, force: force)
            try checkInit(argv[0], in: root.raw)
            try SwitchRoot.perform(newRoot: newRoot)
        } else {
            try ChangeRoot.chroot(to: newRoot, skipChdir: skipChdir)
        }

        if let wd {
            try changeDirectory(wd, hint: "--wd is a directory inside the new root")
        }
        if let console { try Console.reopenStandardStreams(on: console) }
        try changeIdentity(credentials, keeping: keptCapabilities)
        if noNewPrivs {
            try ProcessAttributes.setNoNewPrivileges()
        }
        try NextLink.exec(argv, place: newRoot)
    }

    func checkOptionConflicts() throws(XError) {
        if pivotRoot && switchRoot {
            throw XError.usage("--pivot-root and --switch-root exclude each other")
        }
        if force && !pivotRoot && !switchRoot {
            throw XError.usage("--force goes with --pivot-root or --switch-root")
        }
        if skipChdir && (pivotRoot || switchRoot) {
            throw XError.usage("--skip-chdir goes with plain chroot only")
        }
        if dropCaps && keepCaps != nil {
            throw XError.usage("--drop-caps and --keep-caps exclude each other", hint: "--keep-caps drops every capability but those it lists")
        }
        if switchRoot && command.isEmpty {
            throw XError.usage("--switch-root needs the init COMMAND to run inside NEWROOT", hint: "for example: xchroot --switch-root /newroot /sbin/init")
        }
    }

    /// pivot_root in the host's mount namespace would move the root of every
    /// process on the machine: refuse unless --force, and when unsure.
    func refuseInitialMountNamespace() throws(XError) {
        try MountNamespace.refuseInitial("pivot the root", force: force,
                                         hint: "run it in a new mount namespace: xunshare --mount -- xchroot --pivot-root \(newRoot) … (or --force)")
    }

    /// A directory inherited open from outside NEWROOT would stay reachable
    /// from COMMAND after the pivot (fchdir, then ".."): refuse.
    func refuseInheritedDirectoriesOutside(_ root: Int32) throws(XError) {
        guard let fd = InheritedDirectories.firstOutside(root: root) else { return }
        throw XError("refusing to pivot the root: fd \(fd) is open on a directory outside \(quoted(newRoot)), and COMMAND could leave the root through it",
                     hint: "close it for the chain (\(fd)<&-), or open it on a directory inside NEWROOT")
    }

    /// switch_root cannot be undone: the init must be there before we start.
    func checkInit(_ command: String, in root: Int32) throws(XError) {
        let candidates = Environment.searchCandidates(for: command)
        var lastProblem = ExecutableProblem.missing
        for path in candidates {
            guard let problem = ExecutableInspection.problem(with: path, in: root) else { return }
            if lastProblem == .missing { lastProblem = problem }
        }
        let subject = "\(quoted(command)) in \(quoted(newRoot))"
        switch lastProblem {
        case .missing:
            throw XError("refusing to switch root: cannot find the init \(subject)", errno: ENOENT, status: ExitStatus.notFound)
        case .notRegularFile, .notExecutable:
            throw XError("refusing to switch root: the init \(subject) is not an executable file", errno: EACCES, status: ExitStatus.cannotExecute)
        case .interpreterMissing(let interpreter), .scriptInterpreterMissing(let interpreter):
            throw XError("refusing to switch root: the init \(subject) needs \(quoted(interpreter)), which is missing there",
                         status: ExitStatus.cannotExecute)
        }
    }

    /// Capabilities and ids, in the only order that works: the bounding set
    /// shrinks while CAP_SETPCAP is still held, ids change (keeping the
    /// permitted set across setuid only if capabilities are kept), then the
    /// remaining sets and the ambient set are narrowed.
    func changeIdentity(_ credentials: Credentials, keeping kept: [UInt32]?) throws(XError) {
        if let kept { try Capabilities.limitBoundingSet(keeping: kept) }
        if let kept, !kept.isEmpty, credentials.uid.map({ $0 != 0 }) == true {
            try ProcessAttributes.keepCapabilitiesAcrossSetuid()
        }
        try credentials.apply()
        if let kept { try Capabilities.limitProcessSets(keeping: kept) }
    }

    func isCurrentRoot(_ fd: Int32) -> Bool {
        guard case .success(let target) = FileStatus.of("", at: fd),
              case .success(let root) = FileStatus.of("/") else { return false }
        return target.device == root.device && target.inode == root.inode
    }
}
