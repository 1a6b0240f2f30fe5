import Glibc
import XCore

/// From the command line to the mechanisms' inputs, with every check that
/// can be made before anything is created.
extension XUnshare {
    /// The namespaces asked for, directly or implied (--mount-proc implies
    /// --mount, every --map-* option --user).
    var namespaceKinds: Set<NamespaceKind> {
        var kinds = Set<NamespaceKind>()
        if mount || mountFile != nil || mountProc || mountProcDir != nil { kinds.insert(.mount) }
        if uts || utsFile != nil { kinds.insert(.uts) }
        if ipc || ipcFile != nil { kinds.insert(.ipc) }
        if net || netFile != nil { kinds.insert(.net) }
        if pid || pidFile != nil { kinds.insert(.pid) }
        if user || userFile != nil || mapsIDs { kinds.insert(.user) }
        if cgroup || cgroupFile != nil { kinds.insert(.cgroup) }
        if time || timeFile != nil { kinds.insert(.time) }
        return kinds
    }

    var mapsIDs: Bool {
        mapRootUser || mapCurrentUser || mapUser != nil || mapGroup != nil
            || !mapUsers.isEmpty || !mapGroups.isEmpty || mapAuto
    }

    var filePaths: [(NamespaceKind, String?)] {
        [(.user, userFile), (.cgroup, cgroupFile), (.ipc, ipcFile), (.uts, utsFile),
         (.net, netFile), (.pid, pidFile), (.mount, mountFile), (.time, timeFile)]
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
        if setgroups != nil && !kinds.contains(.user) {
            throw XError.usage("--setgroups goes with --user")
        }
        if keepCaps && !kinds.contains(.user) {
            throw XError.usage("--keep-caps goes with --user", hint: "it keeps the capabilities a new user namespace grants")
        }
        let uidChoices = [mapRootUser ? "--map-root-user" : nil, mapCurrentUser ? "--map-current-user" : nil, mapUser.map { _ in "--map-user" }].compactMap { $0 }
        let gidChoices = [mapRootUser ? "--map-root-user" : nil, mapCurrentUser ? "--map-current-user" : nil, mapGroup.map { _ in "--map-group" }].compactMap { $0 }
        for choices in [uidChoices, gidChoices] where choices.count > 1 {
            throw XError.usage("\(choices[0]) and \(choices[1]) exclude each other", hint: "each maps your own id to one id inside: pick one")
        }
        if mountProcDir == "" {
            throw XError.usage("--mount-proc= needs a DIR", hint: "--mount-proc alone means /proc")
        }
    }

    func namespaceFiles() throws(XError) -> [NamespaceFile] {
        var files: [NamespaceFile] = []
        for case let (kind, path?) in filePaths {
            let file = NamespaceFile(kind: kind, path: path)
            try file.check()
            files.append(file)
        }
        return files
    }

    func killChildSignalNumber() throws(XError) -> Int32? {
        guard killChild || killChildSignalName != nil else { return nil }
        guard let name = killChildSignalName else { return SIGKILL }
        guard let signal = SignalNames.number(name) else {
            throw XError.usage("unknown signal \(quoted(name)) in --kill-child", hint: "a name such as TERM or SIGKILL, or a number")
        }
        return signal
    }

    // MARK: Id maps

    /// The maps, resolved and checked: names looked up in /etc/passwd and
    /// /etc/group, `auto` in /etc/subuid and /etc/subgid, no overlaps.
    func userNamespaceMaps(_ kinds: Set<NamespaceKind>) throws(XError) -> UserNamespaceMaps? {
        guard kinds.contains(.user), mapsIDs || setgroups != nil else { return nil }
        let (euid, egid) = (geteuid(), getegid())
        // /etc/passwd and /etc/group are read only when a name needs them.
        var readDatabase: UserDatabase?
        func database() -> UserDatabase {
            if readDatabase == nil { readDatabase = hostUserDatabase() }
            return readDatabase!
        }

        var singleUID: UInt32?
        if mapRootUser { singleUID = 0 } else if mapCurrentUser { singleUID = euid }
        if let mapUser { singleUID = try resolve(mapUser, option: "--map-user", named: { database().user(named: $0)?.uid }) }
        var singleGID: UInt32?
        if mapRootUser { singleGID = 0 } else if mapCurrentUser { singleGID = egid }
        if let mapGroup { singleGID = try resolve(mapGroup, option: "--map-group", named: { database().group(named: $0)?.gid }) }

        let uidTexts = mapUsers + (mapAuto ? ["auto"] : [])
        let gidTexts = mapGroups + (mapAuto ? ["auto"] : [])
        let userName = (uidTexts + gidTexts).contains("auto") ? database().user(id: euid)?.name : nil
        let uidRanges = try ranges(uidTexts, option: "--map-users", file: "/etc/subuid", owner: userName, id: euid)
        let gidRanges = try ranges(gidTexts, option: "--map-groups", file: "/etc/subgid", owner: userName, id: euid)
        var maps = UserNamespaceMaps(uidMap: Self.map(uidRanges, single: singleUID, own: euid),
                                     gidMap: Self.map(gidRanges, single: singleGID, own: egid),
                                     setgroups: setgroups)
        // The kernel lets a process map its own gid only with setgroups
        // denied; util-linux implies it for the single-id options.
        if setgroups == nil, singleGID != nil, gidRanges.isEmpty { maps.setgroups = .deny }
        return maps
    }

    static func map(_ ranges: [IDRange], single: UInt32?, own: UInt32) -> IDMap? {
        if ranges.isEmpty { return single.map { IDMap([IDRange(inner: $0, outer: own, count: 1)]) } }
        var map = IDMap(ranges)
        if let single { map.insertSingle(inner: single, outer: own) }
        return map
    }

    func resolve(_ text: String, option: String, named lookup: (String) -> UInt32?) throws(XError) -> UInt32 {
        if let id = Credentials.numericID(text) { return id }
        if let id = lookup(text) { return id }
        throw XError.usage("invalid \(option) \(quoted(text)): not a number and no such name in /etc/\(option == "--map-user" ? "passwd" : "group")")
    }

    func ranges(_ texts: [String], option: String, file: String, owner: String?, id: UInt32) throws(XError) -> [IDRange] {
        var ranges: [IDRange] = []
        for text in texts {
            if text == "auto" {
                guard let range = SubordinateIDs.read(file, name: owner, id: id).automaticRange else {
                    throw XError.usage("\(option)=auto: no range for \(quoted(owner ?? String(id))) in \(file)",
                                       hint: "root delegates ranges there, for example: echo '\(owner ?? String(id)):100000:65536' >> \(file)")
                }
                ranges.append(range)
            } else {
                guard let range = IDRange(parsing: text) else {
                    throw XError.usage("invalid \(option) range \(quoted(text))",
                                       hint: "INNER:OUTER:COUNT (or util-linux 2.38's OUTER,INNER,COUNT), COUNT > 0, for example 1:100000:65536")
                }
                ranges.append(range)
            }
        }
        if let (first, second) = IDMap(ranges).firstOverlap {
            throw XError.usage("\(option) ranges overlap: \(first) and \(second)", hint: "each inner and each outer id can be mapped once")
        }
        return ranges
    }

    /// Unprivileged: newuidmap/newgidmap will allow only what /etc/subuid and
    /// /etc/subgid delegate (or your own id): refuse the rest now.
    func checkDelegation(_ maps: UserNamespaceMaps, _ helpers: ShadowIDMappers) throws(XError) {
        let (euid, egid) = (geteuid(), getegid())
        let name = hostUserDatabase().user(id: euid)?.name
        for (map, file, own, kind) in [(maps.uidMap, "/etc/subuid", euid, "uids"), (maps.gidMap, "/etc/subgid", egid, "gids")] {
            guard let map else { continue }
            if let refused = SubordinateIDs.read(file, name: name, id: euid).firstRefused(in: map, ownID: own) {
                throw XError("cannot map \(kind) \(refused): \(file) does not delegate them to \(quoted(name ?? String(euid)))",
                             hint: "map only your own id (--map-root-user), use --map-\(kind == "uids" ? "users" : "groups")=auto, or ask root to delegate a range in \(file)")
            }
        }
    }

    func hostUserDatabase() -> UserDatabase {
        let (root, _) = FileDescriptor.directoryHandle("/")
        return root.map { UserDatabase(root: $0.raw) } ?? UserDatabase(passwd: "", group: "")
    }
}
