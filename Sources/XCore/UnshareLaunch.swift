import Glibc

/// What xunshare does once its input is checked, in util-linux's order:
/// the helpers that keep namespace files and write id maps from outside are
/// forked first; one unshare(2); the id maps; the propagation of a new mount
/// namespace; host name, domain name and clock offsets; then, with `fork`, a
/// child (or a minimal init) that runs COMMAND while the parent forwards
/// signals and ends as the child ends. The namespace files are kept once the
/// process that holds the namespaces exists, and released again if COMMAND
/// cannot be executed. `prepare` is the tool's last steps of the process that
/// becomes COMMAND (root, working directory, proc, ids, capabilities).
public struct UnshareLaunch {
    public var kinds: Set<NamespaceKind>
    public var files: [NamespaceFile]
    public var maps: UserNamespaceMaps?
    public var propagation: MountPropagation
    public var hostname: String?
    public var domainname: String?
    public var monotonic: Int64?
    public var boottime: Int64?
    public var fork: Bool
    /// With `fork` in a new pid namespace: PID 1 is `MinimalInit`.
    public var runsInit: Bool
    /// With `fork`: the child gets this signal when the parent dies.
    public var killSignal: Int32?
    /// COMMAND runs in another root (chroot before exec).
    public var changesRoot: Bool
    /// With `fork`: what SIGTERM and SIGINT to the parent become for the child.
    public var stopSignal: Int32?
    /// With `fork`, COMMAND is an OS's init (PID 1): its poweroff or halt
    /// (the kernel ends a namespace's init with SIGINT) is exit status 0,
    /// its reboot (SIGHUP) 133, as systemd-nspawn reports them.
    public var bootsInit = false
    /// With `fork`: the child's cgroup v2 subtree (DelegatedCgroup), by name
    /// (nil inside: xns-PID).
    public var delegatedCgroup: String??
    /// With `fork`: the child's console.
    public var console: ConsoleMode?
    /// Where the id maps are written from: this process (only its own ids),
    /// a helper as root, or a helper through newuidmap/newgidmap.
    let mapsFromInside: Bool
    let shadowHelpers: ShadowIDMappers?

    /// Checks what can be checked before anything is made: the shadow
    /// helpers are there, and /etc/subuid and /etc/subgid delegate the maps.
    public init(kinds: Set<NamespaceKind>, files: [NamespaceFile], maps: UserNamespaceMaps?, propagation: MountPropagation,
                hostname: String?, domainname: String?, monotonic: Int64?, boottime: Int64?,
                fork: Bool, runsInit: Bool, killSignal: Int32?, changesRoot: Bool) throws(XError) {
        self.kinds = kinds
        self.files = files
        self.maps = maps
        self.propagation = propagation
        self.hostname = hostname
        self.domainname = domainname
        self.monotonic = monotonic
        self.boottime = boottime
        self.fork = fork
        self.runsInit = runsInit
        self.killSignal = killSignal
        self.changesRoot = changesRoot
        let (euid, egid) = (geteuid(), getegid())
        mapsFromInside = maps?.writableFromInside(euid: euid, egid: egid) ?? true
        shadowHelpers = maps != nil && !mapsFromInside && euid != 0
            ? try ShadowIDMappers.locate(uid: maps?.uidMap != nil, gid: maps?.gidMap != nil) : nil
        if let maps, shadowHelpers != nil { try IDMapRequest.checkDelegation(maps, euid: euid, egid: egid) }
    }

    /// Makes the namespaces and execs `argv` in them (or, with `fork`, ends
    /// as its child ends). Returns only by throwing.
    /// `loginShell`: `argv` is $SHELL, run as a login shell would be (`-sh`).
    public func run(_ argv: [String], loginShell: Bool = false, prepare: () throws(XError) -> Void) throws(XError) -> Never {
        // Helpers forked now stay where we are: in the original mount and
        // user namespaces, from where the new namespaces' files can be kept
        // and their id maps written.
        let parentPID = getpid()
        var cgroup: DelegatedCgroup?
        let keepsFromOutside = !files.isEmpty && (!fork || kinds.contains(.mount) || kinds.contains(.user))
        // If COMMAND cannot run, the files are released again: from here,
        // where this process still sees them as they were kept — in the mount
        // namespace it started in, with the privilege it had there, before
        // --root (the forked parent never changes root) — or else by a helper
        // that stands by outside (forked first: the others hold its gate open
        // only while they run).
        let releasesHere = !files.isEmpty && !kinds.contains(.mount) && !kinds.contains(.user) && (fork || !changesRoot)
        let standby = !files.isEmpty && !releasesHere
            ? try StandbyHelper.start { for file in files.reversed() { file.release() } } : nil
        let keeper: HelperProcess?
        do {
            keeper = keepsFromOutside
                ? try HelperProcess.start { () throws(XError) in try NamespaceFile.bind(files, of: parentPID) } : nil
        } catch {
            standby?.dismiss()
            throw error
        }
        var mapper: HelperProcess?
        do throws(XError) {
            if let maps, !mapsFromInside {
                mapper = try HelperProcess.start { () throws(XError) in
                    if let shadowHelpers {
                        try maps.writeWithShadowHelpers(for: parentPID, helpers: shadowHelpers)
                    } else {
                        try maps.write(for: String(parentPID))
                    }
                }
            }
            // The cgroup namespace's root is the unsharer's cgroup: this one
            // moves in for the unshare and the fork (runForked moves it back).
            if let name = delegatedCgroup {
                let made = try DelegatedCgroup.create(name: name, option: "--delegate-cgroup")
                cgroup = made
                // The new user namespace's root manages it (as under nspawn
                // -U): root hands it over from here, before the unshare;
                // unprivileged, it is the caller's, root inside or not.
                if let maps, geteuid() == 0, let uid = maps.uidMap?.outer(ofInner: 0), uid != 0 {
                    do throws(XError) {
                        try made.hand(toUID: uid, gid: maps.gidMap?.outer(ofInner: 0) ?? getegid())
                    } catch {
                        made.remove()
                        throw error
                    }
                }
                try made.enter()
            }
            try Unshare.unshare(kinds)
            if let mapper { try mapper.finish() } else { try maps?.write() }
            if kinds.contains(.mount) { try propagation.apply() }
            if let hostname { try HostNames.setHostName(hostname) }
            if let domainname { try HostNames.setDomainName(domainname) }
            if monotonic != nil || boottime != nil {
                try TimeNamespace.setOffsets(monotonic: monotonic, boottime: boottime)
            }
        } catch {
            mapper?.cancel()
            keeper?.cancel()
            standby?.dismiss()
            cgroup?.abandon()
            throw error
        }

        let keep: () throws(XError) -> Void = {
            if let keeper { try keeper.finish() } else if !files.isEmpty { try NamespaceFile.bind(files, of: parentPID) }
        }
        let release: (() -> Void)? = files.isEmpty ? nil : {
            if releasesHere { for file in files.reversed() { file.release() } } else { standby?.run() }
        }
        if fork {
            try runForked(argv, loginShell: loginShell, keep: files.isEmpty ? nil : keep, release: release, standby: standby,
                          cgroup: cgroup, prepare: prepare)
        }
        do {
            try prepare()
            try keep()
        } catch {
            keeper?.cancel()
            standby?.dismiss()
            throw error
        }
        do {
            // Exec closes this end of the standby helper's gate: it ends.
            try NextLink.exec(argv, loginShell: loginShell)
        } catch {
            release?()
            throw error
        }
    }

    /// --fork: the child prepares itself and runs COMMAND (or an init that
    /// runs it); the parent keeps the namespace files once the child exists,
    /// then forwards signals until the child ends, and ends the same way.
    func runForked(_ argv: [String], loginShell: Bool, keep: (() throws(XError) -> Void)?, release: (() -> Void)?, standby: StandbyHelper?,
                   cgroup: DelegatedCgroup?, prepare: () throws(XError) -> Void) throws(XError) -> Never {
        let parentDeath = killSignal.map { _ in ParentDeathSignal() }
        // A stop signal must reach the child only as itself: without a
        // terminal of its own the child gets a process group of its own, so a
        // terminal's ^C goes to this process alone, which passes it on as it.
        let ownGroup = stopSignal != nil && (console ?? .pipe) == .pipe
        let signals: SignalForwarder
        let terminal: PseudoTerminal?
        let ready: Gate?, go: Gate?
        let commandStatus: ReportPipe?, execFailure: ReportPipe?
        let forked: ChildProcess?
        do {
            signals = try SignalForwarder()
            // A dry run forks nothing, so it has no child to give a terminal.
            terminal = console.map { $0 != .pipe } == true && !Trace.isDryRun ? try PseudoTerminal() : nil
            if let console, console != .pipe, Trace.isDryRun { Trace.line("--console=\(console.rawValue): a pseudo-terminal for the child (dry run: not made)") }
            // With files to keep, the child waits until they are: if keeping
            // fails, COMMAND never runs.
            ready = keep == nil ? nil : try Gate()
            go = keep == nil ? nil : try Gate()
            commandStatus = runsInit ? try ReportPipe() : nil
            // The child says so if COMMAND cannot run: then the files go again.
            execFailure = release != nil && !runsInit ? try ReportPipe() : nil
            forked = try ChildProcess.fork()
        } catch {
            // This process is still in the new cgroup: out, and the cgroup goes.
            cgroup?.abandon()
            throw error
        }

        guard let child = forked else {
            try prepare()
            if Trace.isDryRun {
                try keep?()
            } else if let ready, let go {
                ready.open()
                guard go.wait() else { _exit(ExitStatus.failure) }
            }
            if let parentDeath, let killSignal { try parentDeath.arm(killSignal) }
            // Last, so that xunshare's own errors still reach its stderr.
            try terminal?.becomeConsole()
            if ownGroup { try systemCall("setpgid", "0, 0") { setpgid(0, 0) }.orThrow("cannot make a process group") }
            if let commandStatus { try MinimalInit.run(argv, signals: signals, reportingTo: commandStatus) }
            signals.restoreSignalMask()
            do {
                try NextLink.exec(argv, loginShell: loginShell)
            } catch {
                execFailure?.send("exec")
                throw error
            }
        }

        commandStatus?.keepReadingEnd()
        execFailure?.keepReadingEnd()
        // The child is alone in its cgroup now; the subtree goes when it ends.
        defer { cgroup?.remove() }
        do {
            try cgroup?.leave()
        } catch {
            child.killAndReap()
            throw error
        }
        if let keep, let ready, let go {
            // The child said why it could not get ready; it ended with 125.
            guard ready.wait() else {
                go.shut()
                standby?.dismiss()
                let status = try child.wait()
                cgroup?.remove()
                status.endProcess()
            }
            do {
                try keep()
            } catch {
                go.shut()
                child.killAndReap()
                standby?.dismiss()
                throw error
            }
            go.open()
            // The child execs COMMAND (end of file), or says it could not.
            if execFailure?.receive() != nil { release?() }
            standby?.dismiss()
        }
        let relay = terminal.map { ConsoleRelay(mode: console ?? .interactive, terminal: $0) }
        let status = try signals.supervise(child, reapingOrphans: false, stopSignal: stopSignal, console: relay,
                                           passesTerminalSignals: ownGroup)
        cgroup?.remove()
        // An init cannot die of COMMAND's signal (PID 1 ignores it): it
        // passes COMMAND's status word on instead.
        let reported = commandStatus?.receive().flatMap { Int32($0) }.map(WaitStatus.init(raw:))
        let ended = reported ?? status
        if bootsInit, case .signaled(let signal, _) = ended {
            if signal == SIGINT { exit(0) }        // poweroff, halt
            if signal == SIGHUP { exit(133) }      // reboot: systemd-nspawn's status for it
        }
        ended.endProcess()
    }

}
