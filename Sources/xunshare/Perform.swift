import Glibc
import XCapabilities
import XCommandLine
import XCore

extension XUnshare {
    func perform() throws(XError) -> Never {
        let kinds = namespaceKinds
        try checkOptionConflicts(kinds)
        // Everything that can be wrong with the input is found here, before
        // anything is created: nothing is left behind by bad input.
        let files = try namespaceFiles()
        let maps = try userNamespaceMaps(kinds)
        let (euid, egid) = (geteuid(), getegid())
        let mapsFromInside = maps?.writableFromInside(euid: euid, egid: egid) ?? true
        let shadowHelpers = maps != nil && !mapsFromInside && euid != 0
            ? try ShadowIDMappers.locate(uid: maps?.uidMap != nil, gid: maps?.gidMap != nil) : nil
        if let maps, let shadowHelpers { try checkDelegation(maps, shadowHelpers) }
        let killSignal = try killChildSignalNumber()
        if let hostname { try HostNames.check(hostname, option: "--hostname") }
        if let domainname { try HostNames.check(domainname, option: "--domainname") }
        let argv = command.isEmpty ? [Environment.value("SHELL") ?? "/bin/sh"] : command

        // Helpers forked now stay where we are: in the original mount and
        // user namespaces, from where the new namespaces' files can be kept
        // and their id maps written.
        let parentPID = getpid()
        let keepsFromOutside = !files.isEmpty && (!fork || kinds.contains(.mount) || kinds.contains(.user))
        // If COMMAND cannot run, the files are released again: from here,
        // where this process still sees them as they were kept — in the mount
        // namespace it started in, with the privilege it had there, before
        // --root (the forked parent never changes root) — or else by a helper
        // that stands by outside (forked first: the others hold its gate open
        // only while they run).
        let releasesHere = !files.isEmpty && !kinds.contains(.mount) && !kinds.contains(.user) && (fork || root == nil)
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
        do {
            if let maps, !mapsFromInside {
                mapper = try HelperProcess.start { () throws(XError) in
                    if let shadowHelpers {
                        try maps.writeWithShadowHelpers(for: parentPID, helpers: shadowHelpers)
                    } else {
                        try maps.write(for: String(parentPID))
                    }
                }
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
            throw error
        }

        let keep: () throws(XError) -> Void = {
            if let keeper { try keeper.finish() } else if !files.isEmpty { try NamespaceFile.bind(files, of: parentPID) }
        }
        let release: (() -> Void)? = files.isEmpty ? nil : {
            if releasesHere { for file in files.reversed() { file.release() } } else { standby?.run() }
        }
        if fork {
            try runForked(argv, keep: files.isEmpty ? nil : keep, release: release, standby: standby,
                          killSignal: killSignal, maps: maps)
        }
        do {
            try prepareProcess(maps: maps)
            try keep()
        } catch {
            keeper?.cancel()
            standby?.dismiss()
            throw error
        }
        do {
            // Exec closes this end of the standby helper's gate: it ends.
            try NextLink.exec(argv)
        } catch {
            release?()
            throw error
        }
    }

    /// --fork: the child prepares itself and runs COMMAND (or an init that
    /// runs it); the parent keeps the namespace files once the child exists,
    /// then forwards signals until the child ends, and ends the same way.
    func runForked(_ argv: [String], keep: (() throws(XError) -> Void)?, release: (() -> Void)?, standby: StandbyHelper?,
                   killSignal: Int32?, maps: UserNamespaceMaps?) throws(XError) -> Never {
        let parentDeath = killSignal.map { _ in ParentDeathSignal() }
        let signals = try SignalForwarder()
        // With files to keep, the child waits until they are: if keeping
        // fails, COMMAND never runs.
        let ready = keep == nil ? nil : try Gate()
        let go = keep == nil ? nil : try Gate()
        let commandStatus = runsInit ? try ReportPipe() : nil
        // The child says so if COMMAND cannot run: then the files go again.
        let execFailure = release != nil && !runsInit ? try ReportPipe() : nil

        guard let child = try ChildProcess.fork() else {
            try prepareProcess(maps: maps)
            if Trace.isDryRun {
                try keep?()
            } else if let ready, let go {
                ready.open()
                guard go.wait() else { _exit(ExitStatus.failure) }
            }
            if let parentDeath, let killSignal { try parentDeath.arm(killSignal) }
            if let commandStatus { try MinimalInit.run(argv, signals: signals, reportingTo: commandStatus) }
            signals.restoreSignalMask()
            do {
                try NextLink.exec(argv)
            } catch {
                execFailure?.send("exec")
                throw error
            }
        }

        commandStatus?.keepReadingEnd()
        execFailure?.keepReadingEnd()
        if let keep, let ready, let go {
            // The child said why it could not get ready; it ended with 125.
            guard ready.wait() else {
                go.shut()
                standby?.dismiss()
                try child.wait().endProcess()
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
        let status = try signals.supervise(child, reapingOrphans: false)
        // An init cannot die of COMMAND's signal (PID 1 ignores it): it
        // passes COMMAND's status word on instead.
        let reported = commandStatus?.receive().flatMap { Int32($0) }.map(WaitStatus.init(raw:))
        (reported ?? status).endProcess()
    }

    /// The steps of the process that runs COMMAND, in util-linux's order.
    func prepareProcess(maps: UserNamespaceMaps?) throws(XError) {
        if let root {
            try ChangeRoot.chroot(to: root, skipChdir: false)
        }
        if let wd {
            try changeDirectory(wd, hint: root == nil ? nil : "--wd is a directory inside the new root")
        }
        if mountProc || mountProcDir != nil {
            try ProcFileSystem.mount(at: mountProcDir ?? "/proc")
        }
        if setuid != nil || setgid != nil {
            // With setgroups denied the supplementary groups cannot change: keep them.
            let setgroupsDenied = maps?.setgroups == .deny
            let credentials = Credentials(uid: setuid, gid: setgid,
                                          groups: setgid != nil && !setgroupsDenied ? [] : nil)
            if keepCaps, let setuid, setuid != 0 { try ProcessAttributes.keepCapabilitiesAcrossSetuid() }
            try credentials.apply()
        }
        if keepCaps {
            try Capabilities.raisePermittedToAmbient()
        }
    }
}
