import CLinux
import Glibc

/// A cgroup v2 subtree of its own for a forked child (xunshare
/// --delegate-cgroup), as systemd-nspawn gives a booting container: made below
/// the cgroup this process is in, writable by the child, the root of the
/// child's cgroup namespace, and removed when the child has ended, with
/// whatever still runs in it killed.
///
/// The namespace's root is the cgroup of the process that unshares it, and
/// xunshare unshares every namespace before it forks: so this process moves
/// into the new cgroup for the unshare and the fork, and back out right after
/// (`leave`), leaving the child alone in it: a cgroup with processes of its
/// own cannot hand controllers down to its children (cgroup v2's "no internal
/// processes").
///
/// The cgroup v2 hierarchy is found where it is mounted: on /sys/fs/cgroup,
/// or on /sys/fs/cgroup/unified of a hybrid host (cgroup v1 controllers,
/// v2 without them); the container sees it on its /sys/fs/cgroup (xmountapi
/// --cgroup=rw), and systemd in it runs in unified mode. A host with cgroup v1
/// alone has nothing to delegate.
public final class DelegatedCgroup {
    /// The new cgroup's directory, as this process sees it at the start.
    public let path: String
    /// Its name below the cgroup this process came from.
    let name: String
    /// That cgroup's directory, open: a pivot_root of the child in the mount
    /// namespace both share takes the host's paths away from this process too.
    let origin: FileDescriptor
    /// Its cgroup.procs, opened for the wayBack before the cgroup namespace
    /// is: since Linux 5.16 a move is checked against the namespace the file
    /// was opened in, and with nsdelegate (systemd's hosts) the origin lies
    /// outside the new one.
    private var wayBack: FileDescriptor?

    /// Makes NAME (default xns-PID) below this process's cgroup. Nothing is
    /// made if the hierarchy cannot be found or the name is taken.
    public static func create(name: String?, option: String) throws(XError) -> DelegatedCgroup {
        guard let hierarchy = cgroup2MountPoint() else {
            throw XError("\(option): no cgroup v2 hierarchy is mounted: this host has cgroup v1 only",
                         hint: "systemd in a container needs a cgroup tree of its own; boot the host with systemd.unified_cgroup_hierarchy=1, or mount cgroup2 (mount -t cgroup2 none /sys/fs/cgroup/unified)")
        }
        guard let own = ownCgroup() else {
            throw XError("\(option): cannot read this process's cgroup v2 membership from /proc/self/cgroup")
        }
        let originPath = hierarchy + (own == "/" ? "" : own)
        let (opened, err) = FileDescriptor.open(originPath, O_RDONLY | O_DIRECTORY)
        guard let origin = opened else { throw XError.step("\(option): cannot open the cgroup", originPath, errno: err) }
        let name = name ?? "xns-\(getpid())"
        let path = originPath + "/" + name
        let made = systemCall("mkdirat", "\(origin.raw), \(traceString(name)), 0755") { mkdirat(origin.raw, name, 0o755) }
        if made.failed {
            let denied = made.errno == EACCES || made.errno == EPERM
            throw XError.step("\(option): cannot make the cgroup", path, errno: made.errno,
                              hint: denied ? "a cgroup below \(originPath) needs write access there: as root, or in a cgroup delegated to you (systemd's Delegate=yes)"
                                  : made.errno == EEXIST ? "name another with \(option)=NAME" : nil)
        }
        return DelegatedCgroup(path: path, name: name, origin: origin)
    }

    init(path: String, name: String, origin: FileDescriptor) {
        self.path = path
        self.name = name
        self.origin = origin
    }

    /// Removes the subtree when this process ends, by any death, and when
    /// `remove` asks: a helper forked now, outside the cgroup and the new
    /// namespaces, where root's rights on the hierarchy are still whole (in
    /// a new user namespace root cannot even remove a cgroup it made).
    private var reaper: StandbyHelper?

    /// Moves this process into the new cgroup (keeping the way back open),
    /// with the helper that will remove it started first.
    public func enter() throws(XError) {
        do {
            reaper = try StandbyHelper.start(runsWhenAbandoned: true) { [self] in removeHere() }
        } catch {
            removeHere()
            throw error
        }
        let (back, openError) = ControlFile.open("cgroup.procs", at: origin.raw)
        guard let back else {
            remove()
            throw XError.step("--delegate-cgroup: cannot open", originPath + "/cgroup.procs", errno: openError)
        }
        wayBack = back
        if let error = ControlFile.write(name + "/cgroup.procs", "0", at: origin.raw) {
            remove()
            throw XError.step("--delegate-cgroup: cannot move into the cgroup", path, errno: error)
        }
    }

    /// Moves this process back to the cgroup it came from.
    public func leave() throws(XError) {
        guard let wayBack else { return }
        if let error = ControlFile.write(to: wayBack, "0") {
            throw XError.step("--delegate-cgroup: cannot move back out of the cgroup", path, errno: error)
        }
    }

    /// After a failure before the child exists: back out, and the subtree goes.
    public func abandon() {
        try? leave()
        remove()
    }

    /// Gives the subtree to the user that is root in the child's user
    /// namespace (`uid`, `gid` as this process sees them), as systemd
    /// delegates a cgroup: the directory and the files a manager writes.
    public func hand(toUID uid: uid_t, gid: gid_t) throws(XError) {
        for file in ["", "/cgroup.procs", "/cgroup.threads", "/cgroup.subtree_control"] {
            let relative = name + file
            try systemCall("fchownat", "\(origin.raw), \(traceString(relative)), \(uid), \(gid), 0") { fchownat(origin.raw, relative, uid, gid, 0) }
                .orThrow("--delegate-cgroup: cannot give the cgroup to the user namespace's root", path + file)
        }
    }

    var originPath: String { String(path.dropLast(name.utf8.count + 1)) }

    /// Kills what is left in the subtree (cgroup.kill, Linux 5.14), waits
    /// for it to empty (2 s at most), and removes its cgroups, deepest first
    /// (through the helper, once `enter` has started it).
    public func remove() {
        if let reaper { reaper.run() } else { removeHere() }
    }

    private func removeHere() {
        if Trace.isDryRun { return }
        if ControlFile.write(name + "/cgroup.kill", "1", at: origin.raw) != nil {
            // Before Linux 5.14: every process of the subtree, one by one.
            killEach(origin.raw, name)
        }
        var waited = 0
        while waited < 200 && isPopulated() { usleep(10_000); waited += 1 }
        if !removeTree(origin.raw, name) {
            // The child's status stays the exit status; this is said once.
            Diagnostics.report(XError.step("--delegate-cgroup: cannot remove the cgroup", path, errno: errno,
                                           hint: "something still runs in it or holds it: cat \(path)/cgroup.procs, then rmdir it"))
        }
    }

    /// SIGKILL to every process listed in the subtree's cgroup.procs files.
    private func killEach(_ parent: Int32, _ name: String) {
        guard let directory = FileDescriptor.open(name, O_RDONLY | O_DIRECTORY, at: parent).0 else { return }
        if let procs = FileDescriptor.open("cgroup.procs", O_RDONLY, at: directory.raw).0, let data = procs.readAll() {
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
                if let pid = pid_t(line) { systemCall("kill", "\(pid), SIGKILL") { kill(pid, SIGKILL) } }
            }
        }
        for child in subdirectories(directory.raw) { killEach(directory.raw, child) }
    }

    private func subdirectories(_ directory: Int32) -> [String] {
        let duplicate = dup(directory)
        guard duplicate >= 0, let stream = fdopendir(duplicate) else { return [] }
        defer { closedir(stream) }
        var children: [String] = []
        while let entry = readdir(stream) {
            let child = directoryEntryName(entry)
            if entry.pointee.d_type == UInt8(DT_DIR), child != ".", child != ".." { children.append(child) }
        }
        return children
    }

    func isPopulated() -> Bool {
        guard let fd = FileDescriptor.open(name + "/cgroup.events", O_RDONLY, at: origin.raw).0, let data = fd.readAll() else { return false }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").contains("populated 1")
    }

    /// Whether `name` below `parent` is gone (errno says why not).
    private func removeTree(_ parent: Int32, _ name: String) -> Bool {
        if let directory = FileDescriptor.open(name, O_RDONLY | O_DIRECTORY, at: parent).0 {
            for child in subdirectories(directory.raw) { _ = removeTree(directory.raw, child) }
        }
        // A cgroup whose last process has just been reaped can still be busy
        // for a moment (the kernel lets go of it after an RCU grace period).
        for _ in 0..<100 {
            let removed = systemCall("unlinkat", "\(parent), \(traceString(name)), AT_REMOVEDIR") { unlinkat(parent, name, AT_REMOVEDIR) }
            if !removed.failed || removed.errno == ENOENT { return true }
            errno = removed.errno
            if removed.errno != EBUSY { return false }
            usleep(10_000)
        }
        return false
    }

    /// Where the cgroup v2 hierarchy is mounted: /sys/fs/cgroup, else the
    /// first cgroup2 mount of the mount table (a hybrid's unified).
    static func cgroup2MountPoint() -> String? {
        if xns_is_cgroup2(CgroupMembership.mountPoint) == 1 { return CgroupMembership.mountPoint }
        guard let fd = FileDescriptor.open("/proc/self/mountinfo", O_RDONLY).0, let data = fd.readAll() else { return nil }
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard let dash = fields.firstIndex(of: "-"), dash + 1 < fields.count, fields[dash + 1] == "cgroup2",
                  fields.count > 4, fields[3] == "/" else { continue }
            return String(fields[4])
        }
        return nil
    }

    /// This process's cgroup in the v2 hierarchy ("0::/PATH").
    static func ownCgroup() -> String? {
        guard let fd = FileDescriptor.open("/proc/self/cgroup", O_RDONLY).0, let data = fd.readAll() else { return nil }
        return CgroupMembership.v2Path(in: data)
    }
}
