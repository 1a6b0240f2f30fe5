import CLinux
import Glibc
import XCore

/// The contents of a minimal /dev, as systemd-nspawn and bubblewrap make it:
/// the harmless character devices, the /proc/self/fd symlinks, ptmx pointing
/// into a devpts instance, and the directories pts and shm. As real root the
/// nodes are made with mknod; in a user namespace mknod is refused, so the
/// host's nodes are bind-mounted onto empty files instead.
public enum DeviceNodes {
    public static let devices: [(name: String, major: UInt32, minor: UInt32)] = [
        ("null", 1, 3), ("zero", 1, 5), ("full", 1, 7), ("random", 1, 8), ("urandom", 1, 9), ("tty", 5, 0),
    ]
    public static let symlinks: [(name: String, target: String)] = [
        ("fd", "/proc/self/fd"), ("stdin", "/proc/self/fd/0"), ("stdout", "/proc/self/fd/1"),
        ("stderr", "/proc/self/fd/2"), ("ptmx", "pts/ptmx"), ("core", "/proc/kcore"),
    ]
    public static let directories: [(name: String, mode: mode_t)] = [("pts", 0o755), ("shm", 0o1777)]

    /// Fills `dev`, a fresh tmpfs (what is made in it goes away with it).
    static func populate(_ dev: MountPoint, mounter: Mounter) throws(MountFailure) {
        let fd = dev.fd
        var bindFromHost = false
        for device in devices {
            if !bindFromHost {
                let made = systemCall("mknodat", "\(dev.traceName), \(traceString(device.name)), S_IFCHR|0666, makedev(\(device.major), \(device.minor))") {
                    xns_mknodat_char(fd, device.name, 0o666, device.major, device.minor)
                }
                if made.errno == EPERM {
                    bindFromHost = true
                } else if made.failed {
                    throw MountFailure(call: "mknodat", errno: made.errno)
                } else {
                    try chmod(device.name, in: dev, 0o666)
                    continue
                }
            }
            try createFile(device.name, in: dev)
            let (handle, err) = Trace.isDryRun ? (nil, 0) : FileDescriptor.open(device.name, xns_O_PATH | O_NOFOLLOW, at: fd)
            if handle == nil, !Trace.isDryRun { throw MountFailure(call: "openat", errno: err) }
            let node = MountPoint(handle: handle, inRoot: dev.inRoot + "/" + device.name,
                                  path: dev.path + "/" + device.name, isDirectory: false)
            try mounter.bind(.host("/dev/" + device.name), to: node, flags: MountFlags(noSetuid: true, noExec: true))
        }
        for link in symlinks {
            let made = systemCall("symlinkat", "\(traceString(link.target)), \(dev.traceName), \(traceString(link.name))") {
                symlinkat(link.target, fd, link.name)
            }
            if made.failed { throw MountFailure(call: "symlinkat", errno: made.errno) }
        }
        for directory in directories {
            let made = systemCall("mkdirat", "\(dev.traceName), \(traceString(directory.name)), 0\(String(directory.mode, radix: 8))") {
                mkdirat(fd, directory.name, directory.mode)
            }
            if made.failed { throw MountFailure(call: "mkdirat", errno: made.errno) }
            try chmod(directory.name, in: dev, directory.mode)
        }
    }

    /// The umask must not narrow the modes: set them exactly.
    static func chmod(_ name: String, in dev: MountPoint, _ mode: mode_t) throws(MountFailure) {
        let result = systemCall("fchmodat", "\(dev.traceName), \(traceString(name)), 0\(String(mode, radix: 8)), 0") {
            fchmodat(dev.fd, name, mode, 0)
        }
        if result.failed { throw MountFailure(call: "fchmodat", errno: result.errno) }
    }

    static func createFile(_ name: String, in dev: MountPoint) throws(MountFailure) {
        let result = systemCall("openat", "\(dev.traceName), \(traceString(name)), O_WRONLY|O_CREAT|O_EXCL|O_CLOEXEC, 0666") {
            let made = openat(dev.fd, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if made >= 0 { close(made) }
            return made < 0 ? -1 : 0
        }
        if result.failed { throw MountFailure(call: "openat", errno: result.errno) }
    }
}
