import Testing
@testable import XCore

/// /etc/subuid and /etc/subgid: OWNER:START:COUNT, OWNER a name or a uid.
@Suite struct SubordinateIDsTests {
    static let text = """
        # delegated ranges
        alice:100000:65536
        bob:165536:65536
        1000:300000:10
        alice:400000:5
        broken line
        carol:x:5
        dave:500000:0
        eve:600000:
        """

    @Test func findsTheOwnersRangesByNameAndByUID() {
        let alice = SubordinateIDs(text: Self.text, name: "alice", id: 1000)
        #expect(alice.ranges == [.init(start: 100000, count: 65536), .init(start: 300000, count: 10), .init(start: 400000, count: 5)])
        #expect(SubordinateIDs(text: Self.text, name: nil, id: 1000).ranges == [.init(start: 300000, count: 10)])
        #expect(SubordinateIDs(text: Self.text, name: "mallory", id: 4242).ranges.isEmpty)
        // Bad lines and empty ranges delegate nothing.
        #expect(SubordinateIDs(text: Self.text, name: "carol", id: 1).ranges.isEmpty)
        #expect(SubordinateIDs(text: Self.text, name: "dave", id: 2).ranges.isEmpty)
        #expect(SubordinateIDs(text: Self.text, name: "eve", id: 3).ranges.isEmpty)
        #expect(SubordinateIDs(text: "", name: "alice", id: 1000).ranges.isEmpty)
    }

    @Test func autoIsTheFirstRangeFromZero() {
        #expect(SubordinateIDs(text: Self.text, name: "bob", id: 1001).automaticRange == IDRange(inner: 0, outer: 165536, count: 65536))
        #expect(SubordinateIDs(text: Self.text, name: "nobody", id: 65534).automaticRange == nil)
    }

    @Test func refusesWhatIsNotDelegated() {
        let bob = SubordinateIDs(text: Self.text, name: "bob", id: 1001)
        let inside = IDMap([IDRange(inner: 0, outer: 165536, count: 65536)])
        #expect(bob.firstRefused(in: inside, ownID: 1001) == nil)
        // The caller's own id alone is always allowed.
        let own = IDMap([IDRange(inner: 0, outer: 1001, count: 1), IDRange(inner: 1, outer: 165536, count: 10)])
        #expect(bob.firstRefused(in: own, ownID: 1001) == nil)
        let tooFar = IDRange(inner: 0, outer: 165536, count: 65537)
        #expect(bob.firstRefused(in: IDMap([tooFar]), ownID: 1001) == tooFar)
        let other = IDRange(inner: 0, outer: 100000, count: 1)
        #expect(bob.firstRefused(in: IDMap([other]), ownID: 1001) == other)
    }
}
