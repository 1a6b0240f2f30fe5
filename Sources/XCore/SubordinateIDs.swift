import Glibc

/// The subordinate ids delegated to users in /etc/subuid and /etc/subgid
/// (subuid(5)): lines `OWNER:START:COUNT`, OWNER a user name or a uid. The
/// ranges an unprivileged user may map through newuidmap/newgidmap.
public struct SubordinateIDs: Equatable, Sendable {
    public struct Range: Equatable, Sendable {
        public var start: UInt32
        public var count: UInt32
    }

    /// The owner's ranges, in file order.
    public var ranges: [Range]

    /// Parses the file's text for the owner named `name` or numbered `id`.
    public init(text: String, name: String?, id: UInt32) {
        ranges = text.split(whereSeparator: \.isNewline).compactMap { line in
            let fields = line.split(separator: ":", omittingEmptySubsequences: false)
            guard fields.count == 3, !fields[0].hasPrefix("#") else { return nil }
            let owner = String(fields[0])
            guard owner == name || UInt32(owner) == id,
                  let start = UInt32(fields[1]), let count = UInt32(fields[2]), count > 0 else { return nil }
            return Range(start: start, count: count)
        }
    }

    /// Reads /etc/subuid or /etc/subgid; a missing file delegates nothing.
    public static func read(_ path: String, name: String?, id: UInt32) -> SubordinateIDs {
        let (fd, _) = FileDescriptor.open(path, O_RDONLY)
        let text = fd?.readAll(limit: 1 << 20).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return SubordinateIDs(text: text, name: name, id: id)
    }

    /// util-linux's `auto`: the first range, mapped from id 0 inside.
    public var automaticRange: IDRange? {
        ranges.first.map { IDRange(inner: 0, outer: $0.start, count: $0.count) }
    }

    /// The first line of `map` that newuidmap/newgidmap would refuse: one
    /// that is neither the caller's own id alone nor inside a delegated range.
    public func firstRefused(in map: IDMap, ownID: UInt32) -> IDRange? {
        map.ranges.first { range in
            if range.count == 1 && range.outer == ownID { return false }
            return !ranges.contains { UInt64(range.outer) >= UInt64($0.start)
                && range.outerEnd <= UInt64($0.start) + UInt64($0.count) }
        }
    }
}
