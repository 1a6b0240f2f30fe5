import CLinux

/// mount(2) flags as strace shows them: `MS_BIND|MS_REC`, "0" for none.
public func mountFlagNames(_ flags: UInt) -> String {
    if flags == 0 { return "0" }
    return traceFlags(flags, [
        (xns_MS_RDONLY, "MS_RDONLY"), (xns_MS_NOSUID, "MS_NOSUID"), (xns_MS_NODEV, "MS_NODEV"),
        (xns_MS_NOEXEC, "MS_NOEXEC"), (xns_MS_REMOUNT, "MS_REMOUNT"), (xns_MS_BIND, "MS_BIND"),
        (xns_MS_MOVE, "MS_MOVE"), (xns_MS_REC, "MS_REC"), (xns_MS_PRIVATE, "MS_PRIVATE"),
        (xns_MS_SLAVE, "MS_SLAVE"), (xns_MS_SHARED, "MS_SHARED"), (xns_MS_NOATIME, "MS_NOATIME"),
        (xns_MS_NODIRATIME, "MS_NODIRATIME"), (xns_MS_RELATIME, "MS_RELATIME"),
        (xns_MS_STRICTATIME, "MS_STRICTATIME"), (xns_MS_NOSYMFOLLOW, "MS_NOSYMFOLLOW"),
    ])
}
