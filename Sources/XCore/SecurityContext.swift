import CLinux
import Glibc

/// SELinux's exec context, for util-linux nsenter's --follow-context: the
/// next execve(2) of this process starts COMMAND in the security context of
/// the target process. Done through /proc (attr/current → attr/exec), which
/// is what libselinux's getpidcon/setexeccon do, so no library is linked.
public enum SecurityContext {
    /// Whether SELinux is enabled: selinuxfs is mounted on /sys/fs/selinux.
    /// Without SELinux there is no context to follow (util-linux then does nothing).
    public static var isSELinuxEnabled: Bool {
        fileSystemType("/sys/fs/selinux") == xns_SELINUX_MAGIC
    }

    /// Sets this process's exec context to `target`'s current context.
    public static func follow(_ target: TargetProcess) throws(XError) {
        let path = target.procPath("attr/current")
        let (fd, err) = FileDescriptor.open(path, O_RDONLY)
        guard let fd, let data = fd.readAll(limit: 4096) else {
            throw XError("cannot read the SELinux context of \(target.name) (\(path))", errno: fd == nil ? err : errno,
                         hint: target.procHint(err))
        }
        let context = String(decoding: data.prefix(while: { $0 != 0 && $0 != 10 }), as: UTF8.self)
        if let failure = ControlFile.write("/proc/self/attr/exec", context) {
            throw XError("cannot set the SELinux exec context to \(quoted(context))", errno: failure)
        }
    }
}
