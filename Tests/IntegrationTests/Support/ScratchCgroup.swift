import Foundation
import Testing

/// This process's cgroup v2 directory, where xunshare --delegate-cgroup
/// makes its subtree (nil without a cgroup v2 hierarchy).
let ownCgroupDirectory: String? = {
    guard let membership = try? String(contentsOfFile: "/proc/self/cgroup", encoding: .utf8)
        .split(separator: "\n").first(where: { $0.hasPrefix("0::") })?.dropFirst(3),
        let mounts = try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8) else { return nil }
    let hierarchy = mounts.split(separator: "\n").map { $0.split(separator: " ") }
        .first { fields in fields.firstIndex(of: "-").map { $0 + 1 < fields.count && fields[$0 + 1] == "cgroup2" } == true }
        .map { String($0[4]) }
    return hierarchy.map { $0 + (membership == "/" ? "" : String(membership)) }
}()

/// A cgroup name a test hands to --delegate-cgroup (or makes itself), below
/// `ownCgroupDirectory`: removed when the value goes away, with whatever
/// still runs in it killed — also when the test fails.
final class ScratchCgroup {
    let name: String
    let path: String

    init(_ label: String) throws {
        name = "xns-test-\(label)-\(getpid())"
        path = try #require(ownCgroupDirectory, "no cgroup v2 hierarchy") + "/" + name
    }

    deinit { removeCgroupTree(path) }
}

/// Kills what runs in the cgroup tree at `path` and removes it, deepest first.
func removeCgroupTree(_ path: String) {
    guard FileManager.default.fileExists(atPath: path) else { return }
    _ = try? run(["sh", "-c", "echo 1 > \"$1/cgroup.kill\"; sleep 0.5; find \"$1\" -depth -type d -exec rmdir {} +", "sh", path])
}

/// The condition of the tests that make cgroups below `ownCgroupDirectory`.
let needsWritableCgroup: ConditionTrait = .enabled(if: isRoot && ownCgroupDirectory != nil, "a cgroup v2 hierarchy writable by root")
