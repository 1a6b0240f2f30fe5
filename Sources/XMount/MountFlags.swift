import CLinux
import XCore

/// The per-mount flags (ro, nosuid, nodev, noexec, atime, nosymfollow) as a
/// change: each is set (true), cleared (false) or left alone (nil), the way an
/// option string says "ro" or "rw". Rendered as mount_setattr(2)'s attr_set
/// and attr_clr, as fsmount(2)'s attr_flags, or as mount(2)'s MS_* flags.
public struct MountFlags: Equatable, Sendable {
    public enum AccessTime: String, Equatable, Sendable {
        case relatime, noatime, strictatime
    }

    public var readOnly: Bool?
    public var noSetuid: Bool?
    public var noDevices: Bool?
    public var noExec: Bool?
    public var noSymlinkFollow: Bool?
    public var noDirectoryAccessTime: Bool?
    public var accessTime: AccessTime?

    public init(readOnly: Bool? = nil, noSetuid: Bool? = nil, noDevices: Bool? = nil,
                noExec: Bool? = nil, noSymlinkFollow: Bool? = nil,
                noDirectoryAccessTime: Bool? = nil, accessTime: AccessTime? = nil) {
        self.readOnly = readOnly
        self.noSetuid = noSetuid
        self.noDevices = noDevices
        self.noExec = noExec
        self.noSymlinkFollow = noSymlinkFollow
        self.noDirectoryAccessTime = noDirectoryAccessTime
        self.accessTime = accessTime
    }

    /// nosuid,nodev,noexec: what every API file system gets.
    public static let restricted = MountFlags(noSetuid: true, noDevices: true, noExec: true)
    public static let noSetuidNoDevices = MountFlags(noSetuid: true, noDevices: true)
    public static let readOnly = MountFlags(readOnly: true)

    /// `other`'s decisions win where it makes one.
    public func merging(_ other: MountFlags) -> MountFlags {
        MountFlags(readOnly: other.readOnly ?? readOnly, noSetuid: other.noSetuid ?? noSetuid,
                   noDevices: other.noDevices ?? noDevices, noExec: other.noExec ?? noExec,
                   noSymlinkFollow: other.noSymlinkFollow ?? noSymlinkFollow,
                   noDirectoryAccessTime: other.noDirectoryAccessTime ?? noDirectoryAccessTime,
                   accessTime: other.accessTime ?? accessTime)
    }

    public var isEmpty: Bool { self == MountFlags() }

    private var bits: [(Bool?, UInt64, UInt)] {
        [(readOnly, xns_MOUNT_ATTR_RDONLY, xns_MS_RDONLY), (noSetuid, xns_MOUNT_ATTR_NOSUID, xns_MS_NOSUID),
         (noDevices, xns_MOUNT_ATTR_NODEV, xns_MS_NODEV), (noExec, xns_MOUNT_ATTR_NOEXEC, xns_MS_NOEXEC),
         (noSymlinkFollow, xns_MOUNT_ATTR_NOSYMFOLLOW, xns_MS_NOSYMFOLLOW),
         (noDirectoryAccessTime, xns_MOUNT_ATTR_NODIRATIME, xns_MS_NODIRATIME)]
    }

    /// mount_setattr(2)'s attr_set and attr_clr.
    public var attributeChange: (set: UInt64, clear: UInt64) {
        var set: UInt64 = 0, clear: UInt64 = 0
        for (wanted, attribute, _) in bits {
            if wanted == true { set |= attribute }
            if wanted == false { clear |= attribute }
        }
        if let accessTime {
            clear |= xns_MOUNT_ATTR__ATIME
            switch accessTime {
            case .relatime: set |= xns_MOUNT_ATTR_RELATIME
            case .noatime: set |= xns_MOUNT_ATTR_NOATIME
            case .strictatime: set |= xns_MOUNT_ATTR_STRICTATIME
            }
        }
        return (set, clear)
    }

    /// mount(2)'s flags for the flags that are set.
    public var legacyFlags: UInt {
        var flags: UInt = 0
        for (wanted, _, flag) in bits where wanted == true { flags |= flag }
        switch accessTime {
        case .noatime?: flags |= xns_MS_NOATIME
        case .strictatime?: flags |= xns_MS_STRICTATIME
        case .relatime?: flags |= xns_MS_RELATIME
        case nil: break
        }
        return flags
    }

    /// As an option string: "ro,nosuid,nodev".
    public var description: String {
        var parts: [String] = []
        let names: [(Bool?, String, String)] = [
            (readOnly, "ro", "rw"), (noSetuid, "nosuid", "suid"), (noDevices, "nodev", "dev"),
            (noExec, "noexec", "exec"), (noSymlinkFollow, "nosymfollow", "symfollow"),
            (noDirectoryAccessTime, "nodiratime", "diratime"),
        ]
        for (value, on, off) in names {
            if let value { parts.append(value ? on : off) }
        }
        if let accessTime { parts.append(accessTime.rawValue) }
        return parts.joined(separator: ",")
    }
}

/// mount_setattr/fsmount attribute bits as strace shows them.
public func mountAttributeNames(_ value: UInt64) -> String {
    if value == 0 { return "0" }
    return traceFlags(value, [
        (xns_MOUNT_ATTR_RDONLY, "MOUNT_ATTR_RDONLY"), (xns_MOUNT_ATTR_NOSUID, "MOUNT_ATTR_NOSUID"),
        (xns_MOUNT_ATTR_NODEV, "MOUNT_ATTR_NODEV"), (xns_MOUNT_ATTR_NOEXEC, "MOUNT_ATTR_NOEXEC"),
        (xns_MOUNT_ATTR__ATIME, "MOUNT_ATTR__ATIME"), (xns_MOUNT_ATTR_NOATIME, "MOUNT_ATTR_NOATIME"),
        (xns_MOUNT_ATTR_STRICTATIME, "MOUNT_ATTR_STRICTATIME"),
        (xns_MOUNT_ATTR_NODIRATIME, "MOUNT_ATTR_NODIRATIME"), (xns_MOUNT_ATTR_IDMAP, "MOUNT_ATTR_IDMAP"),
        (xns_MOUNT_ATTR_NOSYMFOLLOW, "MOUNT_ATTR_NOSYMFOLLOW"),
    ])
}
