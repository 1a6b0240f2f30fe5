import Glibc

/// The id maps a new user namespace is asked for, as util-linux unshare's
/// options say them (--map-root-user, --map-user=UID|NAME, --map-users=
/// INNER:OUTER:COUNT|auto …), and their resolution into `UserNamespaceMaps`:
/// names looked up in /etc/passwd and /etc/group, `auto` in /etc/subuid and
/// /etc/subgid, overlaps refused — all before anything is created.
public struct IDMapRequest: Sendable, Equatable {
    public var mapRootUser = false
    public var mapCurrentUser = false
    public var mapUser: String?
    public var mapGroup: String?
    public var mapUsers: [String] = []
    public var mapGroups: [String] = []
    public var mapAuto = false
    public var setgroups: SetgroupsPolicy?

    public init() {}

    /// Whether any map is asked for (each implies a new user namespace).
    public var mapsIDs: Bool {
        mapRootUser || mapCurrentUser || mapUser != nil || mapGroup != nil
            || !mapUsers.isEmpty || !mapGroups.isEmpty || mapAuto
    }

    /// Two options that each map the caller's own id exclude each other.
    public func checkConflicts() throws(XError) {
        let uidChoices = [mapRootUser ? "--map-root-user" : nil, mapCurrentUser ? "--map-current-user" : nil, mapUser.map { _ in "--map-user" }].compactMap { $0 }
        let gidChoices = [mapRootUser ? "--map-root-user" : nil, mapCurrentUser ? "--map-current-user" : nil, mapGroup.map { _ in "--map-group" }].compactMap { $0 }
        for choices in [uidChoices, gidChoices] where choices.count > 1 {
            throw XError.usage("\(choices[0]) and \(choices[1]) exclude each other", hint: "each maps your own id to one id inside: pick one")
        }
    }

    /// The maps, resolved and checked, for a process with `euid` and `egid`;
    /// nil when nothing is to be written.
    public func resolve(euid: uid_t, egid: gid_t) throws(XError) -> UserNamespaceMaps? {
        guard mapsIDs || setgroups != nil else { return nil }
        // /etc/passwd and /etc/group are read only when a name needs them.
        var readDatabase: UserDatabase?
        func database() -> UserDatabase {
            if readDatabase == nil { readDatabase = Self.hostUserDatabase() }
            return readDatabase!
        }

        var singleUID: UInt32?
        if mapRootUser { singleUID = 0 } else if mapCurrentUser { singleUID = euid }
        if let mapUser { singleUID = try Self.resolve(mapUser, option: "--map-user", named: { database().user(named: $0)?.uid }) }
        var singleGID: UInt32?
        if mapRootUser { singleGID = 0 } else if mapCurrentUser { singleGID = egid }
        if let mapGroup { singleGID = try Self.resolve(mapGroup, option: "--map-group", named: { database().group(named: $0)?.gid }) }

        let uidTexts = mapUsers + (mapAuto ? ["auto"] : [])
        let gidTexts = mapGroups + (mapAuto ? ["auto"] : [])
        let userName = (uidTexts + gidTexts).contains("auto") ? database().user(id: euid)?.name : nil
        let uidRanges = try Self.ranges(uidTexts, option: "--map-users", file: "/etc/subuid", owner: userName, id: euid)
        let gidRanges = try Self.ranges(gidTexts, option: "--map-groups", file: "/etc/subgid", owner: userName, id: euid)
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

    static func resolve(_ text: String, option: String, named lookup: (String) -> UInt32?) throws(XError) -> UInt32 {
        if let id = Credentials.numericID(text) { return id }
        if let id = lookup(text) { return id }
        throw XError.usage("invalid \(option) \(quoted(text)): not a number and no such name in /etc/\(option == "--map-user" ? "passwd" : "group")")
    }

    static func ranges(_ texts: [String], option: String, file: String, owner: String?, id: UInt32) throws(XError) -> [IDRange] {
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
    public static func checkDelegation(_ maps: UserNamespaceMaps, euid: uid_t, egid: gid_t) throws(XError) {
        let name = hostUserDatabase().user(id: euid)?.name
        for (map, file, own, kind) in [(maps.uidMap, "/etc/subuid", euid, "uids"), (maps.gidMap, "/etc/subgid", egid, "gids")] {
            guard let map else { continue }
            if let refused = SubordinateIDs.read(file, name: name, id: euid).firstRefused(in: map, ownID: own) {
                throw XError("cannot map \(kind) \(refused): \(file) does not delegate them to \(quoted(name ?? String(euid)))",
                             hint: "map only your own id (--map-root-user), use --map-\(kind == "uids" ? "users" : "groups")=auto, or ask root to delegate a range in \(file)")
            }
        }
    }

    /// The host's /etc/passwd and /etc/group (read from this process's root).
    public static func hostUserDatabase() -> UserDatabase {
        let (root, _) = FileDescriptor.directoryHandle("/")
        return root.map { UserDatabase(root: $0.raw) } ?? UserDatabase(passwd: "", group: "")
    }
}
