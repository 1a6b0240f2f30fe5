import CLinux
import Glibc
import XCore

/// Empty nodes nobody may read — a mode 0000 regular file and a mode 0000
/// directory on a read-only tmpfs that is never attached anywhere — bound over
/// paths to hide them, the way systemd's InaccessiblePaths= does. The tmpfs is
/// made once per run with fsopen/fsmount and goes away when its last bind does.
/// (Without the new mount API: a mode 0000 read-only tmpfs over a directory,
/// and /dev/null read-only over a file.)
final class InaccessibleNodes {
    let mounter: Mounter
    private var scratch: FileDescriptor?
    private var scratchValue: Int32 = -1

    init(mounter: Mounter) {
        self.mounter = mounter
    }

    static let hiddenFlags = MountFlags(readOnly: true, noSetuid: true, noDevices: true, noExec: true)

    func cover(_ target: MountPoint) throws(MountFailure) {
        if scratch == nil, !mounter.usesLegacyAPI {
            try makeScratch()
        }
        if scratch != nil, !mounter.usesLegacyAPI {
            let node = target.isDirectory ? "dir" : "reg"
            try mounter.bind(BindSource(directory: scratchValue, path: node,
                                        hostPath: "/dev/null"),
                             to: target, flags: MountFlags())
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
