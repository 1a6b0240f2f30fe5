import CLinux
import Glibc

/// Joining another process's cgroup (util-linux nsenter --join-cgroup):
/// its cgroup v2 path from /proc/PID/cgroup ("0::/PATH"), then "0" written
/// to /sys/fs/cgroup/PATH/cgroup.procs, which moves the writer. Done from
/// where the tool starts, before any namespace is entered: the path is the
/// target's as seen from here.
public enum CgroupMembership {
    public static let mountPoint = "/sys/fs/cgroup"

    /// The cgroup v2 path of a /proc/PID/cgroup file's contents ("0::/PATH").
    static func v2Path(in contents: [UInt8]) -> String? {
        String(decoding: contents, as: UTF8.self).split(separator: "\n")
            .first { $0.hasPrefix("0::") }.map { String($0.dropFirst(3)) }
    }

    public static func join(cgroupOf process: TargetProcess) throws(XError) {
        let check = xns_is_cgroup2(mountPoint)
        guard check == 1 else {
            throw XError("--join-cgroup needs cgroup v2 mounted on \(mountPoint)", errno: check < 0 ? errno : nil,
                         hint: check == 0 ? "this system mounts cgroup v1 (or a hybrid) there" : nil).failing(.joinCgroup)
        }
        let file = process.procPath("cgroup")
        let (opened, openError) = FileDescriptor.open(file, O_RDONLY)
        guard let opened, let data = opened.readAll() else {
            throw XError.step("cannot read the cgroup of \(process.name) from", file, errno: openError != 0 ? openError : errno,
                              hint: process.procHint(openError)).failing(.joinCgroup)
        }
        guard let path = v2Path(in: data) else {
            throw XError("\(process.name) has no cgroup v2 membership in \(file)").failing(.joinCgroup)
        }
        let procs = mountPoint + path + (path.hasSuffix("/") ? "" : "/") + "cgroup.procs"
        let (fd, err) = FileDescriptor.open(procs, O_WRONLY)
        guard let fd else { throw XError.step("cannot open", procs, errno: err).failing(.joinCgroup) }
        let raw = fd.raw
        try systemCall("write", "\(traceString(procs)), \"0\"") { Int32(write(raw, "0", 1)) }
            .orThrow("cannot join the cgroup of \(process.name):", procs, operation: .joinCgroup)
    }
}
