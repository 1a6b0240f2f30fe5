import Foundation

/// /proc/self/mountinfo as a test reads it (from inside a root, through xchroot).
struct MountInfo {
    struct Entry {
        var root: String
        var point: String
        var options: Set<String>
        var optionalFields: [String]
        var type: String
        var source: String
        var superOptions: Set<String>
    }

    var entries: [Entry]

    init(_ text: String) {
        entries = text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ").map(String.init)
            guard let dash = fields.firstIndex(of: "-"), dash >= 6, fields.count >= dash + 4 else { return nil }
            return Entry(root: fields[3], point: fields[4], options: Set(fields[5].split(separator: ",").map(String.init)),
                         optionalFields: Array(fields[6..<dash]), type: fields[dash + 1], source: fields[dash + 2],
                         superOptions: Set(fields[dash + 3].split(separator: ",").map(String.init)))
        }
    }

    /// The topmost mount at `point` (the last one listed).
    subscript(point: String) -> Entry? { entries.last { $0.point == point } }

    var points: [String] { entries.map(\.point) }
}
