import Glibc

/// The identity COMMAND runs with: uid, gid and supplementary groups.
public struct Credentials: Equatable {
    public var uid: UInt32?
    public var gid: UInt32?
    /// nil: leave the supplementary groups as they are.
    public var groups: [UInt32]?

    public init(uid: UInt32? = nil, gid: UInt32? = nil, groups: [UInt32]? = nil) {
        self.uid = uid
        self.gid = gid
        self.groups = groups
    }

    public var changesAnything: Bool { uid != nil || gid != nil || groups != nil }

    /// coreutils chroot's `--userspec=USER[:GROUP]` and `--groups=G1,G2,…`,
    /// with names looked up in `database` (the new root's) and numbers taken
    /// as they are. A user with no group gets the user's primary group and,
    /// unless `--groups` says otherwise, its supplementary groups.
    public static func resolve(userspec: String?, groups groupList: String?,
                               in database: UserDatabase) throws(XError) -> Credentials {
        var credentials = Credentials()
        var userName: String?
        if let userspec {
            let parts = userspec.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            let userPart = String(parts[0])
            let groupPart = parts.count > 1 ? String(parts[1]) : ""
            if !userPart.isEmpty {
                if let user = database.user(named: userPart) {
                    credentials.uid = user.uid
                    credentials.gid = user.gid
                    userName = user.name
                } else if let uid = numericID(userPart) {
                    credentials.uid = uid
                    if let user = database.user(id: uid) {
                        credentials.gid = user.gid
                        userName = user.name
                    }
                } else {
                    throw XError.usage("invalid user \(quoted(userPart)) in --userspec: no such user in the new root's /etc/passwd")
                }
            }
            if !groupPart.isEmpty {
                credentials.gid = try groupID(groupPart, in: database, option: "--userspec")
            } else if credentials.uid != nil && credentials.gid == nil {
                throw XError.usage("no group for user \(quoted(userPart)) in --userspec",
                                   hint: "name one: --userspec=\(userPart):GROUP")
            }
        }
        if let groupList {
            var ids: [UInt32] = []
            // Empty items are skipped, so --groups= clears the supplementary groups.
            for name in groupList.split(separator: ",") {
                ids.append(try groupID(String(name), in: database, option: "--groups"))
            }
            credentials.groups = ids
        } else if let userName, let gid = credentials.gid {
            credentials.groups = database.groupIDs(of: userName, primary: gid)
        } else if credentials.uid != nil {
            // A numeric user unknown to the root: no supplementary groups but its own.
            credentials.groups = credentials.gid.map { [$0] } ?? []
        }
        return credentials
    }

    static func groupID(_ name: String, in database: UserDatabase, option: String) throws(XError) -> UInt32 {
        if let group = database.group(named: name) { return group.gid }
        if let gid = numericID(name) { return gid }
        throw XError.usage("invalid group \(quoted(name)) in \(option): no such group in the new root's /etc/group")
    }

    /// A decimal id, rejecting the -1 that means "no change" to the kernel.
    public static func numericID(_ text: String) -> UInt32? {
        guard let value = UInt32(text), value != UInt32.max else { return nil }
        return value
    }

    /// setgroups, setgid, setuid — in that order, because each later call
    /// gives up the privilege the earlier ones need.
    public func apply() throws(XError) {
        if let groups {
            let list = groups.map { gid_t($0) }
            try systemCall("setgroups", "\(list.count), [\(list.map(String.init).joined(separator: ", "))]") {
                list.withUnsafeBufferPointer { setgroups($0.count, $0.baseAddress) }
            }.orThrow("cannot set the supplementary groups to", list.map(String.init).joined(separator: ","),
                      hint: "inside a user namespace setgroups is refused while /proc/self/setgroups is 'deny'",
                      operation: .setgroups)
        }
        if let gid {
            try systemCall("setgid", String(gid)) { setgid(gid) }
                .orThrow("cannot set the group id to", String(gid),
                         hint: "the id must be mapped in the user namespace and the tool needs CAP_SETGID",
                         operation: .setgid)
        }
        if let uid {
            try systemCall("setuid", String(uid)) { setuid(uid) }
                .orThrow("cannot set the user id to", String(uid),
                         hint: "the id must be mapped in the user namespace and the tool needs CAP_SETUID",
                         operation: .setuid)
        }
    }
}
