import Testing
@testable import XCore

/// uid_map/gid_map lines: parsing both util-linux syntaxes, overlaps, and
/// the hole a single id punches into ranges.
@Suite struct IDMapTests {
    @Test func parsesInnerOuterCountAndTheOldOrder() {
        #expect(IDRange(parsing: "1:100000:65536") == IDRange(inner: 1, outer: 100000, count: 65536))
        // util-linux 2.38: OUTER,INNER,COUNT.
        #expect(IDRange(parsing: "100000,1,65536") == IDRange(inner: 1, outer: 100000, count: 65536))
        #expect(IDRange(parsing: "0:0:4294967295") == IDRange(inner: 0, outer: 0, count: 4294967295))
    }

    @Test func rejectsBadRanges() {
        for text in ["", "1:2", "1:2:3:4", "a:1:1", "1:1:0", "-1:0:1", "1,2:3", "1:2,3", " 1:2:3", "1:2:3 ",
                     "4294967295:0:1", "0:4294967295:1", "1:0:4294967295", "0:1:4294967295", "auto"] {
            #expect(IDRange(parsing: text) == nil, "\(text)")
        }
    }

    @Test func describesRangesForMessages() {
        #expect(IDRange(inner: 0, outer: 100000, count: 65536).description == "0-65535 to 100000-165535")
        #expect(IDRange(inner: 0, outer: 1000, count: 1).description == "0 to 1000")
    }

    @Test func findsOverlapsInsideAndOutside() {
        let a = IDRange(inner: 0, outer: 100000, count: 10)
        #expect(IDMap([a, IDRange(inner: 10, outer: 100010, count: 5)]).firstOverlap == nil)
        let inner = IDRange(inner: 9, outer: 200000, count: 5)
        #expect(IDMap([a, inner]).firstOverlap.map { [$0.0, $0.1] } == [a, inner])
        let outer = IDRange(inner: 50, outer: 100009, count: 1)
        #expect(IDMap([a, outer]).firstOverlap.map { [$0.0, $0.1] } == [a, outer])
        #expect(IDMap([a]).firstOverlap == nil)
    }

    /// The example of unshare(1): --map-auto --map-root-user for uid 1000
    /// with 1000:100000:65536 in /etc/subuid.
    @Test func aSingleInnerIDPunchesAHoleLikeUtilLinux() {
        var map = IDMap([IDRange(inner: 0, outer: 100000, count: 65536)])
        map.insertSingle(inner: 0, outer: 1000)
        #expect(map.text == "0 1000 1\n1 100000 65535\n")
    }

    @Test func aSingleIDInTheMiddleSplitsTheRange() {
        // Inner 5 and outer 100003 both fall inside: three pieces.
        var map = IDMap([IDRange(inner: 0, outer: 100000, count: 10)])
        map.insertSingle(inner: 5, outer: 100003)
        #expect(map.ranges == [
            IDRange(inner: 5, outer: 100003, count: 1),
            IDRange(inner: 0, outer: 100000, count: 3),
            IDRange(inner: 3, outer: 100004, count: 2),
            IDRange(inner: 6, outer: 100006, count: 4),
        ])
        // Every inner id but 5 and every outer id but 100003 is used once.
        let inners = map.ranges.dropFirst().flatMap { r in (0..<r.count).map { r.inner + $0 } }.sorted()
        let outers = map.ranges.dropFirst().flatMap { r in (0..<r.count).map { r.outer + $0 } }.sorted()
        #expect(inners == [0, 1, 2, 3, 4, 6, 7, 8, 9])
        #expect(outers == [100000, 100001, 100002, 100004, 100005, 100006, 100007, 100008, 100009])
        #expect(map.firstOverlap == nil)
    }

    @Test func aSingleIDOutsideTheRangesLeavesThemAlone() {
        var map = IDMap([IDRange(inner: 1, outer: 100000, count: 10)])
        map.insertSingle(inner: 0, outer: 1000)
        #expect(map.text == "0 1000 1\n1 100000 10\n")
        #expect(map.helperArguments == ["0", "1000", "1", "1", "100000", "10"])
    }

    @Test func aRangeOfOneThatIsHitDisappears() {
        var map = IDMap([IDRange(inner: 0, outer: 5, count: 1)])
        map.insertSingle(inner: 0, outer: 1000)
        #expect(map.text == "0 1000 1\n")
    }

    @Test func ownIDIsTheOnlyMapAProcessWritesForItself() {
        #expect(IDMap([IDRange(inner: 0, outer: 1000, count: 1)]).isOwnID(1000))
        #expect(!IDMap([IDRange(inner: 0, outer: 1000, count: 1)]).isOwnID(0))
        #expect(!IDMap([IDRange(inner: 0, outer: 1000, count: 2)]).isOwnID(1000))
        #expect(!IDMap([IDRange(inner: 0, outer: 1000, count: 1), IDRange(inner: 1, outer: 5, count: 1)]).isOwnID(1000))
    }

    @Test func mapsFromInsideOnlyWhenTheKernelAllowsIt() {
        let own = IDMap([IDRange(inner: 0, outer: 1000, count: 1)])
        #expect(UserNamespaceMaps(uidMap: own, gidMap: own, setgroups: .deny).writableFromInside(euid: 1000, egid: 1000))
        // An unprivileged gid map needs setgroups denied.
        #expect(!UserNamespaceMaps(uidMap: own, gidMap: own, setgroups: .allow).writableFromInside(euid: 1000, egid: 1000))
        #expect(!UserNamespaceMaps(uidMap: own, gidMap: own).writableFromInside(euid: 1000, egid: 1000))
        #expect(UserNamespaceMaps(uidMap: own).writableFromInside(euid: 1000, egid: 7))
        #expect(!UserNamespaceMaps(uidMap: own).writableFromInside(euid: 0, egid: 0))
        #expect(UserNamespaceMaps(setgroups: .deny).writableFromInside(euid: 5, egid: 5))
    }
}
