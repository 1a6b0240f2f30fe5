/// One line of a user namespace's uid_map or gid_map: `count` ids starting at
/// `inner` inside map to ids starting at `outer` outside.
public struct IDRange: Equatable, Sendable, CustomStringConvertible {
    public var inner: UInt32
    public var outer: UInt32
    public var count: UInt32

    public init(inner: UInt32, outer: UInt32, count: UInt32) {
        self.inner = inner
        self.outer = outer
        self.count = count
    }

    /// `INNER:OUTER:COUNT` (util-linux >= 2.39) or `OUTER,INNER,COUNT`
    /// (util-linux 2.38's order). nil when it is neither, when COUNT is 0,
    /// or when a range would reach id 4294967295 (-1, "no id").
    public init?(parsing text: String) {
        let colon = text.split(separator: ":", omittingEmptySubsequences: false)
        let comma = text.split(separator: ",", omittingEmptySubsequences: false)
        let numbers: [UInt32]
        let innerFirst: Bool
        if colon.count == 3 {
            numbers = colon.compactMap { UInt32($0) }
            innerFirst = true
        } else if comma.count == 3 {
            numbers = comma.compactMap { UInt32($0) }
            innerFirst = false
        } else {
            return nil
        }
        guard numbers.count == 3 else { return nil }
        self.init(inner: innerFirst ? numbers[0] : numbers[1], outer: innerFirst ? numbers[1] : numbers[0], count: numbers[2])
        guard isValid else { return nil }
    }

    /// A non-empty range that stays below id 4294967295.
    public var isValid: Bool {
        count > 0 && UInt64(inner) + UInt64(count) <= UInt64(UInt32.max) && UInt64(outer) + UInt64(count) <= UInt64(UInt32.max)
    }

    public var innerEnd: UInt64 { UInt64(inner) + UInt64(count) }
    public var outerEnd: UInt64 { UInt64(outer) + UInt64(count) }

    public func containsInner(_ id: UInt32) -> Bool { id >= inner && UInt64(id) < innerEnd }
    public func containsOuter(_ id: UInt32) -> Bool { id >= outer && UInt64(id) < outerEnd }

    /// Whether two ranges share an inner or an outer id (the kernel refuses that).
    public func overlaps(_ other: IDRange) -> Bool {
        (UInt64(inner) < other.innerEnd && UInt64(other.inner) < innerEnd)
            || (UInt64(outer) < other.outerEnd && UInt64(other.outer) < outerEnd)
    }

    /// The line as the map file wants it.
    public var line: String { "\(inner) \(outer) \(count)" }

    /// For messages: "0-65535 to 100000-165535", or "0 to 1000".
    public var description: String {
        count == 1 ? "\(inner) to \(outer)"
            : "\(inner)-\(innerEnd - 1) to \(outer)-\(outerEnd - 1)"
    }
}

/// The lines of a uid_map or gid_map, pure and unit-tested.
public struct IDMap: Equatable, Sendable {
    public var ranges: [IDRange]

    public init(_ ranges: [IDRange] = []) {
        self.ranges = ranges
    }

    /// The outer id that `inner` maps to, if a range holds it.
    public func outer(ofInner inner: UInt32) -> UInt32? {
        ranges.first { $0.containsInner(inner) }.map { $0.outer + (inner - $0.inner) }
    }

    /// The first two ranges that share an inner or an outer id.
    public var firstOverlap: (IDRange, IDRange)? {
        for (index, range) in ranges.enumerated() {
            for other in ranges[(index + 1)...] where range.overlaps(other) {
                return (range, other)
            }
        }
        return nil
    }

    /// Maps the single id `inner` to `outer` in front of the ranges, taking
    /// both ids out of the ranges that hold them, as util-linux does for
    /// --map-user with --map-users: the inner ids of a range, without
    /// `inner`, are paired in order with its outer ids, without `outer`, so
    /// that a range may lose its top id (`--map-auto --map-root-user` gives
    /// `0 1000 1` and `1 100000 65535`).
    public mutating func insertSingle(inner: UInt32, outer: UInt32) {
        var result = [IDRange(inner: inner, outer: outer, count: 1)]
        for range in ranges {
            let innerHit = range.containsInner(inner)
            let outerHit = range.containsOuter(outer)
            guard innerHit || outerHit else {
                result.append(range)
                continue
            }
            let pairs = range.count - 1
            // Where, counting pairs, the inner and the outer ids skip one.
            let innerSkip = innerHit ? inner - range.inner : pairs
            let outerSkip = outerHit ? outer - range.outer : pairs
            let cuts = [0, min(innerSkip, outerSkip), max(innerSkip, outerSkip), pairs]
            for piece in 0..<3 where cuts[piece] < cuts[piece + 1] {
                let k = cuts[piece]
                result.append(IDRange(inner: range.inner + k + (k >= innerSkip && innerHit ? 1 : 0),
                                      outer: range.outer + k + (k >= outerSkip && outerHit ? 1 : 0),
                                      count: cuts[piece + 1] - k))
            }
        }
        ranges = result
    }

    /// Whether the map is exactly one id, `outer` outside: the only map an
    /// unprivileged process may write for itself.
    public func isOwnID(_ outer: UInt32) -> Bool {
        ranges.count == 1 && ranges[0].count == 1 && ranges[0].outer == outer
    }

    /// The map file's contents: one line per range.
    public var text: String {
        ranges.map { $0.line + "\n" }.joined()
    }

    /// The arguments of newuidmap/newgidmap after the pid.
    public var helperArguments: [String] {
        ranges.flatMap { [String($0.inner), String($0.outer), String($0.count)] }
    }
}
