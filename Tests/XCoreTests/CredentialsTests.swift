import Testing
@testable import XCore

/// `--userspec=USER[:GROUP]` and `--groups=G1,G2` as coreutils chroot(1)
/// means them, with names looked up in the new root's files.
@Suite struct CredentialsTests {
    let database = UserDatabase(
        passwd: """
            root:x:0:0::/root:/bin/sh
            alice:x:1000:1000::/home/alice:/bin/sh
            2000:x:3000:3001::/:/bin/sh
            """,
        group: """
            root:x:0:
            wheel:x:10:alice
            staff:x:50:alice
            alice:x:1000:
            """)

    func resolve(_ userspec: String?, groups: String? = nil) throws(XError) -> Credentials {
        try Credentials.resolve(userspec: userspec, groups: groups, in: database)
    }

    /// The XError a resolution throws, or nil (and an issue) if it succeeds.
    func failure(_ userspec: String?, groups: String? = nil) -> XError? {
        do {
            let credentials = try resolve(userspec, groups: groups)
            Issue.record("expected an error, got \(credentials)")
            return nil
        } catch {
            return error
        }
    }

    @Test func userName() throws {
        // uid, primary gid, and the groups listing alice (initgroups).
        #expect(try resolve("alice") == Credentials(uid: 1000, gid: 1000, groups: [1000, 10, 50]))
        // An empty GROUP after the colon means the user's primary group.
        #expect(try resolve("alice:") == Credentials(uid: 1000, gid: 1000, groups: [1000, 10, 50]))
    }

    /// coreutils: initgroups(user, GROUP), so GROUP comes first.
    @Test func userAndGroupNames() throws {
        #expect(try resolve("alice:staff") == Credentials(uid: 1000, gid: 50, groups: [50, 10]))
        #expect(try resolve("alice:77") == Credentials(uid: 1000, gid: 77, groups: [77, 10, 50]))
    }

    @Test func numericKnownUser() throws {
        #expect(try resolve("1000") == Credentials(uid: 1000, gid: 1000, groups: [1000, 10, 50]))
        #expect(try resolve("0") == Credentials(uid: 0, gid: 0, groups: [0]))
    }

    /// A name is looked up before a number (as getpwnam before strtoul).
    @Test func numericLookingName() throws {
        #expect(try resolve("2000") == Credentials(uid: 3000, gid: 3001, groups: [3001]))
    }

    @Test func numericUnknownUserNeedsAGroup() throws {
        let error = try #require(failure("4242"))
        #expect(error.message == "no group for user '4242' in --userspec")
        #expect(error.hint == "name one: --userspec=4242:GROUP")
        #expect(error.status == 125)
        #expect(error.errno == nil)
    }

    @Test func numericUserAndGroup() throws {
        #expect(try resolve("4242:4242") == Credentials(uid: 4242, gid: 4242, groups: [4242]))
        #expect(try resolve("4242:staff") == Credentials(uid: 4242, gid: 50, groups: [50]))
    }

    @Test func groupOnly() throws {
        let credentials = try resolve(":staff")
        #expect(credentials.uid == nil)
        #expect(credentials.gid == 50)
        // coreutils chroot calls setgroups only when a user or --groups is
        // given, so `--userspec=:GROUP` keeps the supplementary groups.
        #expect(credentials.groups == nil)
    }

    @Test func unknownNames() throws {
        let user = try #require(failure("nosuch"))
        #expect(user.message == "invalid user 'nosuch' in --userspec: no such user in the new root's /etc/passwd")
        #expect(user.status == 125)

        let group = try #require(failure("alice:nosuch"))
        #expect(group.message == "invalid group 'nosuch' in --userspec: no such group in the new root's /etc/group")
        #expect(group.status == 125)

        let listed = try #require(failure(nil, groups: "wheel,nosuch"))
        #expect(listed.message == "invalid group 'nosuch' in --groups: no such group in the new root's /etc/group")
        #expect(listed.status == 125)
    }

    /// (uid_t)-1 means "no change" to setuid/setgid: never accepted as an id.
    @Test func minusOneRejected() throws {
        #expect(try #require(failure("4294967295")).message.hasPrefix("invalid user '4294967295'"))
        #expect(try #require(failure("4242:4294967295")).message.hasPrefix("invalid group '4294967295'"))
        #expect(try #require(failure(nil, groups: "4294967295")).message.hasPrefix("invalid group '4294967295'"))
        #expect(try #require(failure("-1:0")).status == 125)
    }

    @Test func groupList() throws {
        // --groups replaces the initgroups list; names and numbers mix.
        #expect(try resolve("alice", groups: "wheel,50") == Credentials(uid: 1000, gid: 1000, groups: [10, 50]))
        #expect(try resolve(nil, groups: "wheel,50,7") == Credentials(uid: nil, gid: nil, groups: [10, 50, 7]))
        #expect(try resolve(nil, groups: "staff") == Credentials(groups: [50]))
    }

    /// coreutils: `--groups=` clears the supplementary groups, and empty
    /// items in the list (strtok) are skipped.
    @Test func emptyGroupListItems() throws {
        #expect(try resolve(nil, groups: "") == Credentials(groups: []))
        #expect(try resolve(nil, groups: "wheel,,50") == Credentials(groups: [10, 50]))
    }

    @Test func nothingRequested() throws {
        let credentials = try resolve(nil)
        #expect(credentials == Credentials())
        #expect(!credentials.changesAnything)
        #expect(try resolve("").changesAnything == false)
        #expect(try resolve(":").changesAnything == false)
        #expect(try resolve("alice").changesAnything)
        #expect(Credentials(groups: []).changesAnything)
    }

    @Test func numericID() {
        #expect(Credentials.numericID("0") == 0)
        #expect(Credentials.numericID("1000") == 1000)
        #expect(Credentials.numericID("4294967294") == 4_294_967_294)
        #expect(Credentials.numericID("4294967295") == nil) // (uid_t)-1
        #expect(Credentials.numericID("4294967296") == nil)
        #expect(Credentials.numericID("-1") == nil)
        #expect(Credentials.numericID("") == nil)
        #expect(Credentials.numericID("alice") == nil)
        #expect(Credentials.numericID("12a") == nil)
        #expect(Credentials.numericID(" 1") == nil)
    }
}
