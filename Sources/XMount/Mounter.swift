import CLinux
import Glibc
import XCore

/// A mount call that failed: which call, why, and what the kernel logged.
public struct MountFailure: Error, Equatable {
    public var call: String
    public var errno: Int32
    /// The file system's own error message (fsconfig's context log).
    public var kernelMessage: String?
}

/// How new mounts propagate (mount_namespaces(7)).
public enum Propagation: String, CaseIterable, Sendable {
    case `private`, slave, shared, unchanged

    var flag: UInt {
        switch self {
        case .private: xns_MS_PRIVATE
        case .slave: xns_MS_SLAVE
        case .shared: xns_MS_SHARED
        case .unchanged: 0
        }
    }
}

/// Where a bind takes its tree from: a path relative to a directory handle
/// (the new API's way), and the same as a host path (mount(2)'s way).
public struct BindSource {
    public var directory: Int32
    public var path: String
    public var hostPath: String

    public init(directory: Int32 = AT_FDCWD, path: String, hostPath: String) {
        self.directory = directory
        self.path = path
        self.hostPath = hostPath
    }

    public static func host(_ path: String) -> BindSource {
        BindSource(path: path, hostPath: path)
    }

    var traceName: String { directory == AT_FDCWD ? "AT_FDCWD" : "\(directory)" }
}

/// Makes mounts: the new mount API where the kernel has it, mount(2) where a
/// call says ENOSYS (or XNS_MOUNT_API=legacy asks for it, to test that path).
/// Every mount attached is recorded in the undo list, and gets the
/// propagation asked for.
public final class Mounter {
    public let undo: UndoList
    public let propagation: Propagation
    /// Once the kernel says ENOSYS, every later mount uses mount(2).
    public private(set) var usesLegacyAPI: Bool

    public static let legacyVariable = "XNS_MOUNT_API"

    public init(undo: UndoList, propagation: Propagation) {
        self.undo = undo
        self.propagation = propagation
        usesLegacyAPI = Environment.value(Self.legacyVariable) == "legacy"
    }

    /// A fresh file system of `type` mounted at `destination`.
    /// `readOnlyFileSystem`: read-only options make the file system itself
    /// read-only, as mount(8)'s `ro` does, not only this mount of it — for a
    /// disk, so that nothing is written to it (no journal replayed, no
    /// lazy inode-table initialisation). mount(2)'s MS_RDONLY does both;
    /// fsmount's MOUNT_ATTR_RDONLY covers the mount alone, the file system
    /// takes fsconfig's `ro` flag.
    public func mountFileSystem(_ type: String, source: String, options: MountOptions,
                                readOnlyFileSystem: Bool = false,
                                at destination: MountPoint) throws(MountFailure) {
        var parameters = [FileSystemParameter("source", source)] + options.parameters
        if readOnlyFileSystem, options.flags.readOnly == true { parameters.append(FileSystemParameter("ro")) }
        if let mount = try detachedFileSystem(type, parameters: parameters, attributes: options.flags.attributeChange.set) {
            defer { withExtendedLifetime(mount.handle) {} }
            return try attach(mount.fd, to: destination)
        }
        let result = LegacyMount.mount(source, destination.path, type, options.flags.legacyFlags, options.data)
        if result.failed { throw MountFailure(call: "mount", errno: result.errno) }
        undo.mounted(destination.path)
        try setLegacyPropagation(destination.path)
    }

    /// Binds the tree at `source` (with every mount below it) onto
    /// `destination`, with `flags` applied to the whole tree (or only to its
    /// top mount) before it is attached; `idmapFrom` idmaps it to that user
    /// namespace.
    public func bind(_ source: BindSource, to destination: MountPoint, flags: MountFlags,
                     flagsRecursive: Bool = true, idmapFrom userNamespace: Int32? = nil) throws(MountFailure) {
        if !usesLegacyAPI {
            let tree = NewMountAPI.cloneTree(source.directory, source.path, traceName: source.traceName)
            if tree.errno == ENOSYS {
                usesLegacyAPI = true
            } else {
                let handle = try adopt(tree, "open_tree")
                defer { withExtendedLifetime(handle) {} }
                let change = flags.attributeChange
                if change.set != 0 || change.clear != 0 {
                    let result = NewMountAPI.setAttributes(tree.value, set: change.set, clear: change.clear, recursive: flagsRecursive)
                    if result.errno == ENOSYS, userNamespace == nil {
                        // open_tree without mount_setattr (5.2 to 5.11): attach, then remount.
                        try attach(tree.value, to: destination, setPropagation: false)
                        usesLegacyAPI = true
                        try changeLegacy(destination.path, flags, recursive: flagsRecursive)
                        try setLegacyPropagation(destination.path)
                        return
                    }
                    if result.failed { throw MountFailure(call: "mount_setattr", errno: result.errno) }
                }
                if let userNamespace {
                    let result = NewMountAPI.setAttributes(tree.value, set: xns_MOUNT_ATTR_IDMAP, clear: 0,
                                                           userNamespace: userNamespace, recursive: true)
                    if result.failed { throw MountFailure(call: "mount_setattr", errno: result.errno) }
                }
                try attach(tree.value, to: destination)
                return
            }
        }
        if userNamespace != nil { throw MountFailure(call: "mount_setattr", errno: ENOSYS) }
        let result = LegacyMount.mount(source.hostPath, destination.path, nil, xns_MS_BIND | xns_MS_REC, nil)
        if result.failed { throw MountFailure(call: "mount", errno: result.errno) }
        undo.mounted(destination.path)
        if !flags.isEmpty { try changeLegacy(destination.path, flags, recursive: flagsRecursive) }
        try setLegacyPropagation(destination.path)
    }

    /// A new file system as a detached mount (fsopen, fsconfig, fsmount): the
    /// handle and the fd number the trace shows (a made-up one in a dry run).
    /// nil where the new API is missing.
    func detachedFileSystem(_ type: String, parameters: [FileSystemParameter],
                            attributes: UInt64) throws(MountFailure) -> (handle: FileDescriptor, fd: Int32)? {
        if usesLegacyAPI { return nil }
        let context = NewMountAPI.fsopen(type)
        if context.errno == ENOSYS { usesLegacyAPI = true; return nil }
        let contextHandle = try adopt(context, "fsopen")
        defer { withExtendedLifetime(contextHandle) {} }
        let fd = context.value
        func check(_ result: CallResult, _ call: String) throws(MountFailure) {
            if result.failed { throw MountFailure(call: call, errno: result.errno, kernelMessage: NewMountAPI.contextLog(fd)) }
        }
        for parameter in parameters {
            try check(NewMountAPI.fsconfig(fd, parameter), "fsconfig")
        }
        try check(NewMountAPI.create(fd), "fsconfig")
        let made = NewMountAPI.fsmount(fd, attributes: attributes)
        try check(made, "fsmount")
        return (try adopt(made, "fsmount"), made.value)
    }

    /// Makes a detached mount read-only (before nodes in it are bound out).
    func seal(_ mount: Int32) throws(MountFailure) {
        let result = NewMountAPI.setAttributes(mount, set: xns_MOUNT_ATTR_RDONLY, clear: 0, recursive: false)
        if result.failed { throw MountFailure(call: "mount_setattr", errno: result.errno) }
    }

    private func adopt(_ result: CallResult, _ call: String) throws(MountFailure) -> FileDescriptor {
        if result.failed { throw MountFailure(call: call, errno: result.errno) }
        return FileDescriptor(adopting: Trace.isDryRun ? -1 : result.value)
    }

    /// move_mount of a detached mount onto the destination, then its propagation.
    private func attach(_ fd: Int32, to destination: MountPoint, setPropagation: Bool = true) throws(MountFailure) {
        let result = NewMountAPI.attach(fd, to: destination)
        if result.failed { throw MountFailure(call: "move_mount", errno: result.errno) }
        undo.mounted(destination.path)
        guard setPropagation, propagation != .unchanged else { return }
        let changed = NewMountAPI.setAttributes(fd, set: 0, clear: 0, propagation: UInt64(propagation.flag), recursive: true)
        if changed.errno == ENOSYS { return try setLegacyPropagation(destination.path) }
        if changed.failed { throw MountFailure(call: "mount_setattr", errno: changed.errno) }
    }

    private func changeLegacy(_ path: String, _ flags: MountFlags, recursive: Bool) throws(MountFailure) {
        let result = LegacyMount.change(path, flags, recursive: recursive)
        if result.failed { throw MountFailure(call: "mount", errno: result.errno) }
    }

    private func setLegacyPropagation(_ path: String) throws(MountFailure) {
        guard propagation != .unchanged else { return }
        let result = LegacyMount.mount(nil, path, nil, propagation.flag | xns_MS_REC, nil)
        if result.failed { throw MountFailure(call: "mount", errno: result.errno) }
    }
}
