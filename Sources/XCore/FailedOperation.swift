/// The step an `XError` reports, named for the classic-name personalities:
/// util-linux and coreutils word each failure their own way (`unshare:
/// unshare failed: Operation not permitted`, `chroot: cannot change root
/// directory to '/x': …`), and scripts compare those lines. The x-tools
/// word their own messages and ignore this.
public enum FailedOperation: Equatable, Sendable {
    /// unshare(2) of the namespaces asked for.
    case unshare
    /// setns(2) into the namespace of this kind.
    case setns(NamespaceKind)
    /// Opening a namespace file (or /proc/PID/ns/NAME) at this path.
    case openNamespace(String)
    /// Opening this file or directory (nsenter --root=DIR, --wd=DIR).
    case open(String)
    /// chroot(2) to this directory.
    case chroot(String)
    /// chdir(2) to this directory.
    case chdir(String)
    /// Mounting proc on this directory (--mount-proc).
    case mountProc(String)
    /// setgroups(2), setgid(2), setuid(2).
    case setgroups, setgid, setuid
    /// Writing /proc/PID/{uid_map,gid_map,setgroups}: this file.
    case writeMap(String)
    /// Binding a namespace (its /proc file `source`) on the file that keeps it.
    case keepNamespace(source: String, file: String)
    /// Setting the host or domain name.
    case sethostname, setdomainname
    /// Finding the parent user namespace (nsenter --user-parent).
    case openParentUserNamespace
    /// Moving this process into the target's cgroup (nsenter --join-cgroup).
    case joinCgroup
    /// Opening the target process (/proc/PID or its pidfd).
    case openTarget(Int32)
    /// execvp(3) of COMMAND, and the errno execvp would set (ENOENT also
    /// for a file whose interpreter is missing).
    case execute(String, errno: Int32)
}
