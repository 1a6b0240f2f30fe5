import Testing
@testable import XCore

/// UserDatabase parses /etc/passwd and /etc/group text itself (never NSS).
@Suite struct UserDatabaseTests {
    static let passwd = """
        root:x:0:0:root:/root:/bin/sh
        # a comment line
        #commented:x:5:5::/:/bin/sh
        alice:x:1000:1000:Alice:/home/alice:/bin/sh

        bob:x:1001:100::/home/bob:/bin/sh
        a line without any colon
        short:x:7
        letters:x:abc:1:::
        noid:x::1:::
        negative:x:-1:1:::
        huge:x:4294967296:1:::
        dave::1002:1002:::
        nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
        alice:x:2000:2000:second alice:/:/bin/sh
        """

    static let group = """
        root:x:0:
        wheel:x:10:root,alice
        users:x:100:bob
        alice:x:1000:
        staff:x:50:alice,bob
        #hidden:x:3:alice
        audio:x:29
        broken:x:zz:alice
        twin:x:10:alice
        commas:x:61:,carol,,dave,
        nofields
        """

    let database = UserDatabase(passwd: Self.passwd, group: Self.group)

    @Test func usersParsed() {
        // Comments, blank, short and non-numeric lines are dropped; order kept.
        #expect(database.users.map(\.name) == ["root", "alice", "bob", "dave", "nobody", "alice"])
        #expect(database.user(named: "alice") == UserDatabase.User(name: "alice", uid: 1000, gid: 1000))
        #expect(database.user(named: "bob") == UserDatabase.User(name: "bob", uid: 1001, gid: 100))
        // An empty password field is just a field.
        #expect(database.user(named: "dave")?.uid == 1002)
        #expect(database.user(named: "short") == nil)
        #expect(database.user(named: "letters") == nil)
        #expect(database.user(named: "#commented") == nil)
        #expect(database.user(named: "huge") == nil)
    }

    /// Like getpwnam/getpwuid: the first matching line wins.
    @Test func firstEntryWins() {
        #expect(database.user(named: "alice")?.uid == 1000)
        #expect(database.user(id: 2000)?.name == "alice")
        #expect(database.user(id: 65534)?.name == "nobody")
        #expect(database.user(id: 4242) == nil)
    }

    @Test func groupsParsed() {
        #expect(database.groups.map(\.name) == ["root", "wheel", "users", "alice", "staff", "audio", "twin", "commas"])
        #expect(database.group(named: "wheel") == UserDatabase.Group(name: "wheel", gid: 10, members: ["root", "alice"]))
        #expect(database.group(named: "root")?.members == [])
        // Three fields only (no member list at all) is still a group.
        #expect(database.group(named: "audio") == UserDatabase.Group(name: "audio", gid: 29, members: []))
        // Empty members between commas are not members.
        #expect(database.group(named: "commas")?.members == ["carol", "dave"])
        #expect(database.group(named: "broken") == nil)
        #expect(database.group(named: "#hidden") == nil)
        #expect(database.group(named: "nofields") == nil)
    }

    @Test func emptyDatabases() {
        let empty = UserDatabase(passwd: "", group: "")
        #expect(empty.users.isEmpty && empty.groups.isEmpty)
        #expect(empty.groupIDs(of: "alice", primary: 7) == [7])
    }

    /// initgroups(3): the primary group first, then each group listing the
    /// user, in file order, each gid once.
    @Test func initgroupsSemantics() {
        // wheel (10) and staff (50); twin repeats gid 10 and is not added again.
        #expect(database.groupIDs(of: "alice", primary: 1000) == [1000, 10, 50])
        // A primary that is also a member group stays first and appears once.
        #expect(database.groupIDs(of: "alice", primary: 50) == [50, 10])
        #expect(database.groupIDs(of: "bob", primary: 100) == [100, 50])
        #expect(database.groupIDs(of: "dave", primary: 1002) == [1002, 61])
        // Members match whole names only.
        #expect(database.groupIDs(of: "ali", primary: 5) == [5])
        #expect(database.groupIDs(of: "nobody", primary: 65534) == [65534])
    }

    /// glibc reads a CRLF file line by line (the "\r" ends up in the shell
    /// field); every user must still be found.
    @Test func crlfLineEnds() {
        let crlf = UserDatabase(passwd: "root:x:0:0::/root:/bin/sh\r\nalice:x:1000:1000::/:/bin/sh\r\n",
                                group: "root:x:0:\r\nwheel:x:10:alice\r\n")
        #expect(crlf.user(named: "root")?.uid == 0)
        #expect(crlf.user(named: "alice")?.uid == 1000)
        #expect(crlf.group(named: "wheel")?.gid == 10)
    }
}
