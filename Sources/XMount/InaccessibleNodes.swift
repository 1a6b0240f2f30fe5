import CLinux
import Glibc
import XCore

/// Empty nodes nobody may read — a mode 0000 regular file and a mode 0000
/// directory on a read-only tmpfs that is never attached anywhere — bound over
/// paths to hide them, the way systemd's InaccessiblePaths= does. The tmpfs is
/// made once per run with fsopen/fsmount and goes away when its last bind does.
/// (Without the new mount API: a mode 0000 read-only tmpfs over a directory,
/// and /dev/null read-only over a file.)
///
/// Linux before 6.15 clones nothing out of a detached mount: open_tree
/// (OPEN_TREE_CLONE) of a node of the scratch says EINVAL (the mount is in
/// no namespace yet). There the scratch is first attached to an empty
/// directory made for it in one of `places` (the run's root, /run, /tmp),
/// the nodes are cloned from there, and `finish` detaches it and removes
/// the directory again: the binds made from it stay.
final class InaccessibleNodes {
    let mounter: Mounter
    let places: [String]
    private var scratch: FileDescriptor?
    private var scratchValue: Int32 = -1
    /// Where the scratch is attached, on kernels that need it.
    private var attachedAt: String?

    init(mounter: Mounter, places: [String]) {
        self.mounter = mounter
        self.places = places
    }

    static let hiddenFlags = MountFlags(readOnly: true, noSetuid: true, noDevices: true, noExec: true)

    func cover(_ target: MountPoint) throws(MountFailure) {
        if scratch == nil, !mounter.usesLegacyAPI {
            try makeScratch()
        }
        if scratch != nil, !mounter.usesLegacyAPI {
            let node = target.isDirectory ? "dir" : "reg"
            // XNS_MOUNT_SCRATCH=attached takes the older kernels' way on any
            // kernel, so that it can be tested (as XNS_MOUNT_API=legacy does mount(2)'s).
            if attachedAt == nil, Environment.value("XNS_MOUNT_SCRATCH") == "attached" { try attachScratch() }
            do {
                try mounter.bind(source(node), to: target, flags: MountFlags())
            } catch {
                guard error.call == "open_tree", error.errno == EINVAL, attachedAt == nil else { throw error }
                try attachScratch()
                try mounter.bind(source(node), to: target, flags: MountFlags())
            }
            return
        }
        if target.isDirectory {
            try mounter.mountFileSystem("tmpfs", source: "inaccessible",
                                        options: MountOptions(flags: Self.hiddenFlags, parameters: [FileSystemParameter("mode", "0000")]),
                                        at: target)
        } else {
            try mounter.bind(.host("/dev/null"), to: target, flags: Self.hiddenFlags)
        }
    }

    private func source(_ node: String) -> BindSource {
        if let attachedAt { return BindSource(path: attachedAt + "/" + node, hostPath: attachedAt + "/" + node) }
        return BindSource(directory: scratchValue, path: node, hostPath: "/dev/null")
    }

    /// The scratch attached to a new empty directory (see the type's description).
    private func attachScratch() throws(MountFailure) {
        var lastError: Int32 = EINVAL
        for place in places {
            let path = (place.hasSuffix("/") ? place : place + "/") + ".xns-inaccessible-\(getpid())"
            let made = systemCall("mkdir", "\(traceString(path)), 0700") { mkdir(path, 0o700) }
            if made.failed { lastError = made.errno; continue }
            let moved = systemCall("move_mount", "\(scratchValue), \"\", AT_FDCWD, \(traceString(path)), MOVE_MOUNT_F_EMPTY_PATH") {
                xns_move_mount(scratchValue, "", AT_FDCWD, path, xns_MOVE_MOUNT_F_EMPTY_PATH)
            }
            if moved.failed {
                lastError = moved.errno
                systemCall("rmdir", traceString(path)) { rmdir(path) }
                continue
            }
            attachedAt = path
            return
        }
        throw MountFailure(call: "move_mount", errno: lastError)
    }

    /// Detaches the scratch where it was attached, and removes its directory.
    func finish() {
        guard let attachedAt else { return }
        systemCall("umount2", "\(traceString(attachedAt)), MNT_DETACH") { umount2(attachedAt, xns_MNT_DETACH) }
        systemCall("rmdir", traceString(attachedAt)) { rmdir(attachedAt) }
        self.attachedAt = nil
    }

    private func makeScratch() throws(MountFailure) {
        guard let (mount, fd) = try mounter.detachedFileSystem("tmpfs", parameters: [FileSystemParameter("source", "inaccessible"), FileSystemParameter("mode", "0755")],
                                                               attributes: xns_MOUNT_ATTR_NOSUID | xns_MOUNT_ATTR_NODEV | xns_MOUNT_ATTR_NOEXEC) else { return }
        let file = systemCall("openat", "\(fd), \"reg\", O_WRONLY|O_CREAT|O_EXCL|O_CLOEXEC, 0000") {
            let made = openat(fd, "reg", O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0)
            if made >= 0 { close(made) }
            return made < 0 ? -1 : 0
        }
        if file.failed { throw MountFailure(call: "openat", errno: file.errno) }
        let directory = systemCall("mkdirat", "\(fd), \"dir\", 0000") { mkdirat(fd, "dir", 0) }
        if directory.failed { throw MountFailure(call: "mkdirat", errno: directory.errno) }
        try mounter.seal(fd)
        scratch = mount
        scratchValue = fd
    }
}
