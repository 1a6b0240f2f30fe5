import Glibc
import XCapabilities
import XCommandLine
import XCore

extension XUnshare {
    func perform() throws(XError) -> Never {
        let kinds = namespaceKinds
        try checkOptionConflicts(kinds)
        try launch(kinds)
    }

    /// The namespaces, then COMMAND (without COMMAND a login-style $SHELL,
    /// as util-linux runs it). The `unshare` personality comes in here too,
    /// after its own checks.
    func launch(_ kinds: Set<NamespaceKind>) throws(XError) -> Never {
        // Everything that can be wrong with the input is found here, before
        // anything is created: nothing is left behind by bad input.
        if keepCaps { Capabilities.loadLibrary() }
        let files = try checkedNamespaceFiles()
        let (euid, egid) = (geteuid(), getegid())
        let maps = kinds.contains(.user) ? try idMaps.resolve(euid: euid, egid: egid) : nil
        let killSignal = try killChildSignalNumber()
        let stopSignal = try stopSignalNumber()
        if let hostname { try HostNames.check(hostname, option: "--hostname") }
        if let domainname { try HostNames.check(domainname, option: "--domainname") }
        let argv = command.isEmpty ? [Environment.value("SHELL") ?? "/bin/sh"] : command

        var launch = try UnshareLaunch(kinds: kinds, files: files, maps: maps, propagation: propagation,
                                       hostname: hostname, domainname: domainname, monotonic: monotonic, boottime: boottime,
                                       fork: fork, runsInit: runsInit, killSignal: killSignal, changesRoot: root != nil)
        launch.stopSignal = stopSignal
        launch.bootsInit = boot
        launch.delegatedCgroup = delegateCgroup
        launch.console = console
        try launch.run(argv, loginShell: command.isEmpty) { () throws(XError) in try prepareProcess(maps: maps) }
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
                                          groups: setgid != nil && (!setgroupsDenied || alwaysDropsGroups) ? [] : nil)
            if keepCaps, let setuid, setuid != 0 { try ProcessAttributes.keepCapabilitiesAcrossSetuid() }
            try credentials.apply()
        }
        if keepCaps {
            try Capabilities.raisePermittedToAmbient()
        }
        if let keptEnvironment { Environment.keepOnly(keptEnvironment) }
    }
}
