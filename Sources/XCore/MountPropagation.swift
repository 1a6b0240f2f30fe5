import CLinux
import Glibc

/// Mount propagation of a whole mount tree (mount_namespaces(7)). A new mount
/// namespace starts as a copy whose mounts still propagate to and from the
/// old one where they were shared; util-linux makes it `private` by default
/// so that the new namespace is really unshared.
public enum MountPropagation: String, CaseIterable, Sendable {
    case `private`, shared, slave, unchanged

    /// The mount(2) flags, recursive; 0 for `unchanged`.
    public var flags: UInt {
        switch self {
        case .private: return xns_MS_REC | xns_MS_PRIVATE
        case .shared: return xns_MS_REC | xns_MS_SHARED
        case .slave: return xns_MS_REC | xns_MS_SLAVE
        case .unchanged: return 0
        }
    }

    /// Applies the propagation to every mount below `path`.
    public func apply(below path: String = "/") throws(XError) {
        guard self != .unchanged else { return }
        try MountPropagation.set(flags, on: path)
            .orThrow("cannot make \(rawValue) the mounts below", path, hint: nil)
    }

    /// mount(NULL, path, NULL, flags, NULL): change propagation only.
    static func set(_ flags: UInt, on path: String) -> CallResult {
        systemCall("mount", "\"none\", \(traceString(path)), NULL, \(mountFlagNames(flags)), NULL") {
            mount("none", path, nil, flags, nil)
        }
    }
}

