import CLinux
import Glibc
import XCore

/// The new mount API (Linux >= 5.2; mount_setattr >= 5.12), one traced call
/// each: a file system is configured through a context fd (fsopen,
/// fsconfig), turned into a detached mount (fsmount) or a tree is cloned
/// (open_tree), flags are set on a whole tree in one call (mount_setattr
/// with AT_RECURSIVE), and the result is attached with move_mount — to a
/// destination named by an O_PATH handle, never by a path that could change.
enum NewMountAPI {
    static func fsopen(_ type: String) -> CallResult {
        systemCall("fsopen", "\(traceString(type)), FSOPEN_CLOEXEC", dryRunValue: 100) {
            xns_fsopen(type, xns_FSOPEN_CLOEXEC)
        }
    }

    static func fsconfig(_ context: Int32, _ parameter: FileSystemParameter) -> CallResult {
        if let value = parameter.value {
            return systemCall("fsconfig", "\(context), FSCONFIG_SET_STRING, \(traceString(parameter.key)), \(traceString(value)), 0") {
                xns_fsconfig(context, xns_FSCONFIG_SET_STRING, parameter.key, value, 0)
            }
        }
        return systemCall("fsconfig", "\(context), FSCONFIG_SET_FLAG, \(traceString(parameter.key)), NULL, 0") {
            xns_fsconfig(context, xns_FSCONFIG_SET_FLAG, parameter.key, nil, 0)
        }
    }

    static func create(_ context: Int32) -> CallResult {
        systemCall("fsconfig", "\(context), FSCONFIG_CMD_CREATE, NULL, NULL, 0") {
            xns_fsconfig(context, xns_FSCONFIG_CMD_CREATE, nil, nil, 0)
        }
    }

    static func fsmount(_ context: Int32, attributes: UInt64) -> CallResult {
        systemCall("fsmount", "\(context), FSMOUNT_CLOEXEC, \(mountAttributeNames(attributes))", dryRunValue: 101) {
            xns_fsmount(context, xns_FSMOUNT_CLOEXEC, UInt32(truncatingIfNeeded: attributes))
        }
    }

    /// A detached copy of the tree at `path` (relative to `directory`; the
    /// directory itself when `path` is empty), with every mount below it.
    static func cloneTree(_ directory: Int32, _ path: String, traceName: String, recursive: Bool = true) -> CallResult {
        var flags = xns_OPEN_TREE_CLONE | xns_OPEN_TREE_CLOEXEC
        var names = "OPEN_TREE_CLONE|OPEN_TREE_CLOEXEC"
        if recursive { flags |= xns_AT_RECURSIVE; names += "|AT_RECURSIVE" }
        if path.isEmpty { flags |= UInt32(xns_AT_EMPTY_PATH); names += "|AT_EMPTY_PATH" }
        return systemCall("open_tree", "\(traceName), \(traceString(path)), \(names)", dryRunValue: 102) {
            xns_open_tree(directory, path, flags)
        }
    }

    static func setAttributes(_ mount: Int32, set: UInt64, clear: UInt64, propagation: UInt64 = 0,
                              userNamespace: Int32 = -1, recursive: Bool) -> CallResult {
        let flags = UInt32(xns_AT_EMPTY_PATH) | (recursive ? xns_AT_RECURSIVE : 0)
        // The names are made only for a trace (the argument is an autoclosure).
        func propagationName() -> String { propagation == 0 ? "0" : mountFlagNames(UInt(propagation)) }
        func userns() -> String { userNamespace >= 0 ? ", userns_fd=\(userNamespace)" : "" }
        return systemCall("mount_setattr", "\(mount), \"\", AT_EMPTY_PATH\(recursive ? "|AT_RECURSIVE" : ""), {attr_set=\(mountAttributeNames(set)), attr_clr=\(mountAttributeNames(clear)), propagation=\(propagationName())\(userns())}") {
            xns_mount_setattr(mount, "", flags, set, clear, propagation,
                              userNamespace >= 0 ? UInt64(userNamespace) : 0)
        }
    }

    static func attach(_ mount: Int32, to destination: MountPoint) -> CallResult {
        systemCall("move_mount", "\(mount), \"\", \(destination.traceName), \"\", MOVE_MOUNT_F_EMPTY_PATH|MOVE_MOUNT_T_EMPTY_PATH") {
            xns_move_mount(mount, "", destination.fd, "", xns_MOVE_MOUNT_F_EMPTY_PATH | xns_MOVE_MOUNT_T_EMPTY_PATH)
        }
    }

    /// The error messages the kernel logged on a file-system context
    /// ("e tmpfs: Unknown parameter 'bogus'"), without their "e " prefix.
    static func contextLog(_ context: Int32) -> String? {
        var lines: [String] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(context, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            let line = String(decoding: buffer[0..<n], as: UTF8.self)
            for entry in line.split(separator: "\n") where entry.hasPrefix("e ") { lines.append(String(entry.dropFirst(2))) }
        }
        return lines.isEmpty ? nil : lines.joined(separator: "; ")
    }
}
