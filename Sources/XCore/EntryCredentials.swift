import Glibc

/// The identity COMMAND gets after entering namespaces, by util-linux
/// nsenter's rule: after entering a user namespace COMMAND runs as uid 0 and
/// gid 0 with no supplementary groups (the caller's groups must not leak in),
/// unless credentials are preserved; `uid`/`gid` (-S/-G) choose other ids,
/// with or without a user namespace. The groups are dropped once before the
/// user namespace is entered, while the caller may still be privileged
/// outside, and once after.
///
/// Rootless entry (an unprivileged user entering the user namespace of their
/// own chain) keeps to the rule where the kernel lets it, and where it does
/// not, keeps what the caller already has instead of failing:
/// - the groups, when setgroups(2) is refused on both sides (outside for
///   lack of privilege, inside because the namespace denies it, as
///   `--map-root-user` makes it do): they are the caller's own;
/// - the uid or gid, when 0 is not mapped in the namespace (EINVAL) and no
///   id was asked for (`--map-current-user` chains).
/// Ids asked for explicitly must be set, or the tool fails.
public struct EntryCredentials: Equatable {
    public var uid: UInt32?
    public var gid: UInt32?
    public var entersUserNamespace: Bool
    public var preserve: Bool
    public var rule: Rule
    /// Whether the groups were dropped before entering.
    public private(set) var groupsDropped = false

    /// What an unmapped default id 0 does.
    public enum Rule: Sendable {
        /// xnsenter: the id stays (see the type's description).
        case tolerant
        /// util-linux nsenter: setgid(0)/setuid(0) fails, and so does the tool.
        case strict
    }

    public init(uid: UInt32?, gid: UInt32?, entersUserNamespace: Bool, preserve: Bool, rule: Rule = .tolerant) {
        self.uid = uid
        self.gid = gid
        self.entersUserNamespace = entersUserNamespace
        self.preserve = preserve
        self.rule = rule
    }

    /// The util-linux defaults apply: a user namespace entered, credentials not preserved.
    var usesDefaults: Bool { entersUserNamespace && !preserve }

    /// The ids COMMAND runs with; nil: unchanged.
    public var targetUID: UInt32? { uid ?? (usesDefaults ? 0 : nil) }
    public var targetGID: UInt32? { gid ?? (usesDefaults ? 0 : nil) }

    /// Before entering the user namespace: drop the supplementary groups
    /// while this process may still have the privilege to.
    public mutating func dropGroupsBeforeEntering() {
        guard usesDefaults else { return }
        groupsDropped = !systemCall("setgroups", "0, NULL") { setgroups(0, nil) }.failed
    }

    /// After entering: setgroups, setgid, setuid, in that order.
    public func apply() throws(XError) {
        if let gid = targetGID {
            // util-linux drops the groups with every gid change, and goes on
            // when it cannot (then setgid decides); it fails only when
            // setgroups was refused on both sides of a user namespace entry,
            // which is the rootless case, kept here (see the type's description).
            let result = systemCall("setgroups", "0, NULL") { setgroups(0, nil) }
            if result.failed && usesDefaults && !groupsDropped && rule == .strict {
                throw XError("cannot drop the supplementary groups", errno: result.errno).failing(.setgroups)
            }
            if result.failed && !groupsDropped && Trace.isTracing {
                Trace.line("setgroups refused: the supplementary groups stay (they are the caller's own)")
            }
            try set("group", gid, explicit: self.gid != nil) { setgid(gid) }
        }
        if let uid = targetUID {
            try set("user", uid, explicit: self.uid != nil) { setuid(uid) }
        }
    }

    private func set(_ what: String, _ id: UInt32, explicit: Bool, _ call: () -> Int32) throws(XError) {
        let result = systemCall(what == "user" ? "setuid" : "setgid", String(id), call)
        guard result.failed else { return }
        if !explicit && result.errno == EINVAL && rule == .tolerant {
            if Trace.isTracing { Trace.line("\(what) id 0 is not mapped in the user namespace: the \(what) id stays") }
            return
        }
        throw XError.step("cannot set the \(what) id to", String(id), errno: result.errno,
                          hint: result.errno == EINVAL
                              ? "the id is not mapped in the user namespace (see /proc/self/\(what == "user" ? "uid" : "gid")_map inside)"
                              : "changing ids needs CAP_SET\(what == "user" ? "UID" : "GID"): run as root, or enter a user namespace (-U)")
            .failing(what == "user" ? .setuid : .setgid)
    }
}
