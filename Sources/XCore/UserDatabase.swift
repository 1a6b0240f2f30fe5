/// The user and group databases of a root, read from its /etc/passwd and
/// /etc/group files — never through NSS, which would load the host's (or the
/// root's) libnss modules into the tool. Parsing is pure and unit-tested.
public struct UserDatabase {
    public struct User: Equatable {
        public var name: String
        public var uid: UInt32
        public var gid: UInt32
    }

    public struct Group: Equatable {
        public var name: String
        public var gid: UInt32
        public var members: [String]
    }

    public var users: [User]
    public var groups: [Group]

    public init(passwd: String, group: String) {
        users = passwd.split(whereSeparator: \.isNewline).compactMap { line in
            let fields = line.split(separator: ":", omittingEmptySubsequences: false)
            guard fields.count >= 4, !fields[0].hasPrefix("#"),
                  let uid = UInt32(fields[2]), let gid = UInt32(fields[3]) else { return nil }
            return User(name: String(fields[0]), uid: uid, gid: gid)
        }
        groups = group.split(whereSeparator: \.isNewline).compactMap { line in
            let fields = line.split(separator: ":", omittingEmptySubsequences: false)
            guard fields.count >= 3, !fields[0].hasPrefix("#"), let gid = UInt32(fields[2]) else { return nil }
            let members = fields.count > 3 ? fields[3].split(separator: ",").map(String.init) : []
            return Group(name: String(fields[0]), gid: gid, members: members)
        }
    }

    /// The databases of the root open at `root` (missing files are empty).
    public init(root: Int32) {
        func text(_ path: String) -> String {
            RootedPath.read(path, in: root).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }
        self.init(passwd: text("/etc/passwd"), group: text("/etc/group"))
    }

    public func user(named name: String) -> User? { users.first { $0.name == name } }
    public func user(id: UInt32) -> User? { users.first { $0.uid == id } }
    public func group(named name: String) -> Group? { groups.first { $0.name == name } }

    /// The supplementary groups of a user, as initgroups(3) computes them:
    /// the primary group and every group that lists the user as a member.
    public func groupIDs(of user: String, primary: UInt32) -> [UInt32] {
        var ids = [primary]
        for group in groups where group.members.contains(user) && !ids.contains(group.gid) {
            ids.append(group.gid)
        }
        return ids
    }
}
