import CLinux
import Glibc
import XCore

/// mount(2), for kernels without the new mount API (before 5.2, or without
/// mount_setattr before 5.12). It takes paths, not handles, and changes one
/// mount per call: a recursive flag change remounts every mount of the tree
/// in turn (found in the mount table by libmount), repeating the flags each
/// already has, since a remount that drops a locked flag is refused.
enum LegacyMount {
    static func mount(_ source: String?, _ target: String, _ type: String?, _ flags: UInt, _ data: String?) -> CallResult {
        let dataText = data.map { $0.isEmpty ? "NULL" : traceString($0) } ?? "NULL"
        return systemCall("mount", "\(source.map(traceString) ?? "NULL"), \(traceString(target)), \(type.map(traceString) ?? "NULL"), \(mountFlagNames(flags)), \(dataText)") {
            Glibc.mount(source, target, type, flags, (data?.isEmpty ?? true) ? nil : data)
        }
    }

    /// Applies `flags` to the mount at `path` and, if `recursive`, to every
    /// mount below it.
    static func change(_ path: String, _ flags: MountFlags, recursive: Bool) -> CallResult {
        let targets = recursive ? (MountTable.read()?.mountPoints(under: path) ?? [path]) : [path]
        let (set, clear) = (flags.legacyFlags, MountFlags(readOnly: flags.readOnly == false ? true : nil,
                                                            noSetuid: flags.noSetuid == false ? true : nil,
                                                            noDevices: flags.noDevices == false ? true : nil,
                                                            noExec: flags.noExec == false ? true : nil).legacyFlags)
        var result = CallResult(value: 0, errno: 0)
        for target in targets {
            var current: UInt = 0
            _ = xns_statvfs_mount_flags(target, &current)
            result = mount(nil, target, nil, xns_MS_REMOUNT | xns_MS_BIND | ((current | set) & ~clear), nil)
            if result.failed { return result }
        }
        return result
    }
}
