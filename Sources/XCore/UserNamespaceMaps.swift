import Glibc

/// /proc/PID/setgroups: whether setgroups(2) may be used in a user namespace.
public enum SetgroupsPolicy: String, CaseIterable, Sendable {
    case allow, deny
}

/// What a new user namespace gets before COMMAND runs: its uid and gid maps
/// and its setgroups policy, written in the order the kernel needs —
/// setgroups first (an unprivileged gid_map needs "deny" already there),
/// then uid_map, then gid_map (user_namespaces(7)).
public struct UserNamespaceMaps: Equatable, Sendable {
    public var uidMap: IDMap?
    public var gidMap: IDMap?
    public var setgroups: SetgroupsPolicy?

    public init(uidMap: IDMap? = nil, gidMap: IDMap? = nil, setgroups: SetgroupsPolicy? = nil) {
        self.uidMap = uidMap
        self.gidMap = gidMap
        self.setgroups = setgroups
    }

    /// Whether the namespace's own process can write the maps right after
    /// unshare: the kernel lets it map only its own uid and gid, one line
    /// each, and the gid only with setgroups denied. Anything else is
    /// written from the parent user namespace.
    public func writableFromInside(euid: UInt32, egid: UInt32) -> Bool {
        (uidMap.map { $0.isOwnID(euid) } ?? true)
            && (gidMap.map { $0.isOwnID(egid) && setgroups == .deny } ?? true)
    }

    /// Writes the maps of process `pid` ("self" from inside).
    public func write(for pid: String = "self") throws(XError) {
        if let setgroups {
            try Self.write("/proc/\(pid)/setgroups", setgroups.rawValue + "\n", what: "the setgroups policy to \(setgroups.rawValue)")
        }
        if let uidMap { try Self.write("/proc/\(pid)/uid_map", uidMap.text, what: "the uid map") }
        if let gidMap { try Self.write("/proc/\(pid)/gid_map", gidMap.text, what: "the gid map") }
    }

    /// From the parent user namespace, as a process without privilege there:
    /// shadow's setuid helpers, which check the maps against /etc/subuid and
    /// /etc/subgid. setgroups is written first, by us (we own the namespace).
    public func writeWithShadowHelpers(for pid: pid_t, helpers: ShadowIDMappers) throws(XError) {
        if let setgroups {
            try Self.write("/proc/\(pid)/setgroups", setgroups.rawValue + "\n", what: "the setgroups policy to \(setgroups.rawValue)")
        }
        if let uidMap, let path = helpers.newuidmap {
            try helpers.run(path, pid: pid, map: uidMap, what: "the uid map")
        }
        if let gidMap, let path = helpers.newgidmap {
            try helpers.run(path, pid: pid, map: gidMap, what: "the gid map")
        }
    }

    static func write(_ path: String, _ text: String, what: String) throws(XError) {
        guard let err = ControlFile.write(path, text) else { return }
        let line = text.split(separator: "\n").joined(separator: ", ")
        throw XError("cannot set \(what) (\(path): \(line))", errno: err, hint: hint(for: err, path: path))
    }

    static func hint(for err: Int32, path: String) -> String? {
        switch err {
        case EPERM where path.hasSuffix("gid_map"):
            return "an unprivileged gid map needs setgroups denied (--setgroups deny), and maps other than your own id need newgidmap and /etc/subgid"
        case EPERM:
            return "maps other than your own id need root or newuidmap/newgidmap with ranges delegated in /etc/subuid and /etc/subgid"
        case EINVAL:
            return "the ranges must not overlap and must be mapped in the parent user namespace"
        case ENOENT:
            return "writing id maps needs /proc mounted"
        default:
            return nil
        }
    }
}
