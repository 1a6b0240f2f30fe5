import Glibc
import CLinux

/// initramfs-style root switching (util-linux switch_root semantics), made
/// safe: every precondition is checked before anything is touched, so a
/// mistaken run on a normal system changes nothing. Then the API file
/// systems move into NEWROOT, NEWROOT moves onto /, the process chroots into
/// it, and the old initramfs contents are deleted to free their memory.
public enum SwitchRoot {
    /// The API file systems carried over into the new root.
    public static let carriedMounts = ["/dev", "/proc", "/sys", "/run"]

    /// Refuses, without side effects, unless: the current root is a ramfs or
    /// tmpfs (skipped by `force`), NEWROOT is a mount point, and NEWROOT is on
    /// another device than the current root.
    public static func check(newRoot: String, rootDirectory: Int32, force: Bool) throws(XError) {
        if !force {
            let type: Int64
            switch fileSystemTypeOrError("/") {
            case .success(let value): type = value
            case .failure(let failure): throw XError.step("cannot read the file system type of", "/", errno: failure.errno)
            }
            if !isRAMFileSystem(type) {
                throw XError("refusing to switch root: the current root is not an initramfs (ramfs or tmpfs)",
                             hint: "--switch-root is for an initramfs /init; to enter a root from a running system use 'xunshare --mount -- xchroot --pivot-root NEWROOT' (--force skips this check)")
            }
        }
        guard FileStatus.isMountPoint(directory: rootDirectory) else {
            throw XError("refusing to switch root: \(quoted(newRoot)) is not a mount point",
                         hint: "mount the real root file system on it first")
        }
        let current: FileStatus, target: FileStatus
        switch (FileStatus.of("/"), FileStatus.of("", at: rootDirectory)) {
        case (.success(let a), .success(let b)): (current, target) = (a, b)
        case (.failure(let failure), _), (_, .failure(let failure)):
            throw XError.step("cannot inspect", newRoot, errno: failure.errno)
        }
        if current.device == target.device {
            throw XError("refusing to switch root: \(quoted(newRoot)) is on the same file system as the current root",
                         hint: "the new root must be another file system mounted on NEWROOT")
        }
    }

    /// Switches root. Call `check` first. Moves that were done are undone if
    /// the root itself cannot be moved.
    public static func perform(newRoot: String) throws(XError) {
        // Keep a handle on the old root: after the switch it is reachable only through it.
        let (oldRoot, openError) = FileDescriptor.open("/", O_RDONLY | O_DIRECTORY)
        guard let oldRoot else { throw XError.step("cannot open the current root", "/", errno: openError) }
        let oldRootIsRAM = fileSystemType("/").map(isRAMFileSystem) ?? false

        var moved: [(from: String, to: String)] = []
        var detach: [String] = []
        for mountPoint in carriedMounts {
            let (fd, _) = FileDescriptor.open(mountPoint, xns_O_PATH | O_DIRECTORY | O_NOFOLLOW)
            guard let fd, FileStatus.isMountPoint(directory: fd.raw) else { continue }
            let target = join(newRoot, mountPoint)
            if case .success(let status) = FileStatus.of(target), status.isDirectory {
                let result = systemCall("mount", "\(traceString(mountPoint)), \(traceString(target)), NULL, MS_MOVE, NULL") {
                    mount(mountPoint, target, nil, xns_MS_MOVE, nil)
                }
                if result.failed {
                    undo(moved)
                    throw XError.step("cannot move \(mountPoint) to", target, errno: result.errno)
                }
                moved.append((mountPoint, target))
            } else {
                detach.append(mountPoint)
            }
        }
        for mountPoint in detach {
            // No place for it in the new root: let it go, as switch_root does.
            systemCall("umount2", "\(traceString(mountPoint)), MNT_DETACH") { umount2(mountPoint, xns_MNT_DETACH) }
        }
        do throws(XError) {
            try changeDirectory(newRoot)
            try systemCall("mount", "\(traceString(newRoot)), \"/\", NULL, MS_MOVE, NULL") {
                mount(".", "/", nil, xns_MS_MOVE, nil)
            }.orThrow("cannot move onto / the new root", newRoot)
        } catch {
            undo(moved)
            throw error
        }
        try systemCall("chroot", "\".\"") { chroot(".") }.orThrow("cannot change root to", newRoot)
        try changeDirectory("/")

        // Only a RAM file system is emptied: its files are memory nobody can reach any more.
        if oldRootIsRAM {
            if Trace.isDryRun {
                Trace.line("remove the old root's contents, not crossing into other file systems (dry run: not made)")
            } else {
                removeInBackground(oldRoot)
            }
        }
    }

    /// Deleting a large initramfs takes long (about 10 µs a file on tmpfs), and
    /// nothing waits for it: as util-linux does, a child process deletes while
    /// this one goes on to exec the init, which inherits (and reaps) the child.
    /// The tool is single-threaded, so the child may run ordinary code.
    static func removeInBackground(_ oldRoot: FileDescriptor) {
        guard case .success(let status) = FileStatus.of("", at: oldRoot.raw) else { return }
        let child = systemCall("fork", "") { fork() }
        if child.value == 0 {
            RecursiveRemoval.removeContents(of: oldRoot.raw, device: status.device)
            _exit(0)
        }
        if child.failed {
            // No second process: delete now rather than leave the memory taken.
            RecursiveRemoval.removeContents(of: oldRoot.raw, device: status.device)
        }
    }

    static func undo(_ moved: [(from: String, to: String)]) {
        for move in moved.reversed() {
            systemCall("mount", "\(traceString(move.to)), \(traceString(move.from)), NULL, MS_MOVE, NULL") {
                mount(move.to, move.from, nil, xns_MS_MOVE, nil)
            }
        }
    }

    static func join(_ root: String, _ path: String) -> String {
        (root.hasSuffix("/") ? String(root.dropLast()) : root) + path
    }
}
