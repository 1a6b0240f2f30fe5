import Foundation
import Testing

/// Fault injection (issue 9, part 3): each step of each tool made to fail on
/// purpose — a system call answered with an errno by Fixtures/faultinject.c
/// (a seccomp filter that sends the call to a supervisor, which fails every
/// call, or only the Nth, or only one whose path or fd matches) — must end
/// with status 125 (126 for an exec), exactly the one `TOOL: …` line (and
/// the `hint:` line) written here, nothing on stdout, and nothing left
/// behind: the mount table, the links of both network namespaces, the
/// scratch directory (mount points made) and the processes are the same
/// before and after (see `ContainedRun`). The filter is inherited, so a
/// helper a tool forks (xunshare's id-map writer and namespace-file keeper)
/// is faulted too. Counts (`-n N`) follow the calls this build makes on this
/// kernel and libnl: a row names the step it reaches in its comment.
@Suite(.enabled(if: isRoot && gccForEscapes != nil, "needs root and gcc"))
struct FaultInjectionTests {
    struct Fault: CustomTestStringConvertible, Sendable {
        var tool: String
        /// faultinject's options and SYSCALL ERRNO.
        var fault: [String]
        var arguments: [String]
        /// stderr, line by line (@TMP is the scratch directory).
        var lines: [String]
        var status: Int32
        var legacy: Bool
        var rootless: Bool

        var testDescription: String {
            "\(rootless ? "rootless " : "")\(legacy ? "legacy " : "")[\(fault.joined(separator: " "))] \(tool) \(arguments.joined(separator: " "))"
        }
    }

    static func fault(_ tool: String, _ fault: String, _ arguments: [String], _ lines: [String], status: Int32 = 125,
                      legacy: Bool = false, rootless: Bool = false) -> Fault {
        Fault(tool: tool, fault: fault.split(separator: " ").map(String.init), arguments: arguments, lines: lines,
              status: status, legacy: legacy, rootless: rootless)
    }

    static let despite = "hint: this process has CAP_SYS_ADMIN, so something else refused it: a seccomp filter or a security module (AppArmor, SELinux)"
    static let despiteMount = despite + ", or a mount locked by a less privileged user namespace"
    static let despiteNetwork = "hint: this process has CAP_NET_ADMIN and CAP_SYS_ADMIN, so something else refused it: a seccomp filter or a security module (AppArmor, SELinux)"
    static let inUserNamespace = "hint: the kernel refuses this in a user namespace: a flag the mount got from a more privileged namespace (ro, nosuid, nodev) is locked, or the file system cannot be mounted without real root"
    static let notExecutable = "hint: /bin/true is not executable by this user, or its file system is mounted noexec"
    static let readOnlyRoot = "hint: the root is read-only there: make the mount point beforehand, or mount a --tmpfs above it first"
    static let pivotRefused = "hint: pivot_root refuses shared mounts and the initial rootfs: run inside xunshare --mount (private propagation); in an initramfs use --switch-root"
    static let rootlessNetwork = "hint: rootless networking needs root for the host end; inside a user namespace only --loopback-only works"
    static let veth = ["--netns=/run/netns/b", "--host=vh0", "--host-addr=10.77.1.1/24", "--peer-addr=10.77.1.2/24", "--peer-gateway=10.77.1.1"]
    static let root = ["--root", "@TMP/root"]

    static let mounts: [Fault] = [
        // The new mount API, call by call.
        fault("xmountapi", "fsopen EPERM", root + ["--tmpfs=/tmp/made"],
              ["xmountapi: --tmpfs: cannot mount tmpfs on '@TMP/root/tmp/made': Operation not permitted", despiteMount]),
        // The second fsconfig: an option of the file system.
        fault("xmountapi", "-n 2 fsconfig ENOMEM", root + ["--tmpfs=/tmp/made"],
              ["xmountapi: --tmpfs: cannot mount tmpfs on '@TMP/root/tmp/made': Cannot allocate memory"]),
        // Both mount points made on the way are removed again.
        fault("xmountapi", "fsmount ENOMEM", root + ["--tmpfs=/tmp/made/deeper"],
              ["xmountapi: --tmpfs: cannot mount tmpfs on '@TMP/root/tmp/made/deeper': Cannot allocate memory"]),
        fault("xmountapi", "move_mount EBUSY", root + ["--tmpfs=/tmp/made"],
              ["xmountapi: --tmpfs: cannot mount tmpfs on '@TMP/root/tmp/made': Device or resource busy",
               "hint: something is already mounted there that cannot be stacked on"]),
        // The third attach of --api (proc, its /proc/sys, then a hidden file): the first two are undone.
        fault("xmountapi", "-n 3 move_mount EPERM", root + ["--api"],
              ["xmountapi: --api: cannot hide '@TMP/root/proc/kallsyms': Operation not permitted", despiteMount]),
        fault("xmountapi", "open_tree EACCES", root + ["--bind=/usr:/usr"],
              ["xmountapi: --bind: cannot bind '/usr' on '@TMP/root/usr': Permission denied"]),
        // Read-only on the detached tree.
        fault("xmountapi", "mount_setattr EPERM", root + ["--ro-bind=/usr:/usr"],
              ["xmountapi: --ro-bind: cannot bind '/usr' on '@TMP/root/usr': Operation not permitted", despiteMount]),
        // The propagation, after the tree is attached: it is unmounted again.
        fault("xmountapi", "-n 2 mount_setattr EPERM", root + ["--ro-bind=/usr:/usr"],
              ["xmountapi: --ro-bind: cannot bind '/usr' on '@TMP/root/usr': Operation not permitted", despiteMount]),
        // The first directory is made, the second refused: the first goes again.
        fault("xmountapi", "-p 1:deeper mkdirat EROFS", root + ["--tmpfs=/tmp/made/deeper"],
              ["xmountapi: --tmpfs: cannot create the directory '@TMP/root/tmp/made/deeper': Read-only file system", readOnlyRoot]),
        // A kernel without fsopen: the fallback to mount(2), faulted there.
        fault("xmountapi", "-a fsopen:ENOSYS mount EPERM", root + ["--tmpfs=/tmp/made"],
              ["xmountapi: --tmpfs: cannot mount tmpfs on '@TMP/root/tmp/made': Operation not permitted", despiteMount]),
        // Without open_tree: the bind is made, its propagation refused.
        fault("xmountapi", "-a open_tree:ENOSYS -n 2 mount EPERM", root + ["--ro-bind=/usr:/usr"],
              ["xmountapi: --ro-bind: cannot bind '/usr' on '@TMP/root/usr': Operation not permitted", despiteMount]),

        // mount(2), as XNS_MOUNT_API=legacy forces it.
        fault("xmountapi", "mount EPERM", root + ["--tmpfs=/tmp/made"],
              ["xmountapi: --tmpfs: cannot mount tmpfs on '@TMP/root/tmp/made': Operation not permitted", despiteMount], legacy: true),
        // The propagation after the mount.
        fault("xmountapi", "-n 2 mount EPERM", root + ["--tmpfs=/tmp/made/deeper"],
              ["xmountapi: --tmpfs: cannot mount tmpfs on '@TMP/root/tmp/made/deeper': Operation not permitted", despiteMount], legacy: true),
        // The read-only remount after the bind.
        fault("xmountapi", "-n 2 mount EINVAL", root + ["--ro-bind=/usr:/usr"],
              ["xmountapi: --ro-bind: cannot bind '/usr' on '@TMP/root/usr': Invalid argument"], legacy: true),
        // proc and its propagation made, /proc/sys refused.
        fault("xmountapi", "-n 4 mount EPERM", root + ["--api"],
              ["xmountapi: --api: cannot make read-only '@TMP/root/proc/sys': Operation not permitted", despiteMount], legacy: true),

        // COMMAND cannot run: what was mounted for it goes, mount point too.
        fault("xmountapi", "execve ENOMEM", root + ["--tmpfs=/tmp/made", "--", "/bin/true"],
              ["xmountapi: cannot run '/bin/true': Cannot allocate memory"], status: 126),
        fault("xmountapi", "execve EACCES", root + ["--ro-bind=/usr:/usr", "--", "/bin/true"],
              ["xmountapi: cannot run '/bin/true': Permission denied", notExecutable], status: 126),

        // Rootless: as nobody in a user namespace of its own.
        fault("xmountapi", "fsopen EPERM", root + ["--tmpfs=/tmp/made"],
              ["xmountapi: --tmpfs: cannot mount tmpfs on '@TMP/root/tmp/made': Operation not permitted", inUserNamespace], rootless: true),
        fault("xmountapi", "-n 2 move_mount EPERM", root + ["--tmpfs=/tmp/made", "--bind=/usr:/usr"],
              ["xmountapi: --bind: cannot bind '/usr' on '@TMP/root/usr': Operation not permitted", inUserNamespace], rootless: true),
        fault("xmountapi", "-n 2 mount EPERM", root + ["--tmpfs=/tmp/made/deeper"],
              ["xmountapi: --tmpfs: cannot mount tmpfs on '@TMP/root/tmp/made/deeper': Operation not permitted", inUserNamespace],
              legacy: true, rootless: true),
        fault("xmountapi", "execve ENOMEM", root + ["--tmpfs=/tmp/made", "--", "/bin/true"],
              ["xmountapi: cannot run '/bin/true': Cannot allocate memory"], status: 126, rootless: true),
    ]

    static let namespaces: [Fault] = [
        // unshare(2).
        fault("xunshare", "unshare EPERM", ["--mount", "--uts", "true"],
              ["xunshare: cannot create new uts, mount namespaces: Operation not permitted", despite]),
        fault("xunshare", "unshare ENOSPC", ["--net", "--pid", "--fork", "true"],
              ["xunshare: cannot create new net, pid namespaces: No space left on device",
               "hint: the limit on namespaces is reached: raise sysctl user.max_net_namespaces, user.max_pid_namespaces (0 disables a kind)"]),
        // The keeper of the namespace file was forked first: it must end without keeping.
        fault("xunshare", "unshare EPERM", ["--net=@TMP/root/file", "true"],
              ["xunshare: cannot create new net namespace: Operation not permitted", despite]),
        // Keeping the namespace on FILE.
        fault("xunshare", "mount EPERM", ["--net=@TMP/root/file", "true"],
              ["xunshare: cannot keep the net namespace on '@TMP/root/file': Operation not permitted", despiteMount]),
        // The second of two files: the first is released again.
        fault("xunshare", "-n 2 mount EPERM", ["--net=@TMP/root/file", "--uts=@TMP/root/other", "true"],
              ["xunshare: cannot keep the net namespace on '@TMP/root/file': Operation not permitted", despiteMount]),
        fault("xunshare", "-n 2 mount EPERM", ["--fork", "--net=@TMP/root/file", "--uts=@TMP/root/other", "true"],
              ["xunshare: cannot keep the net namespace on '@TMP/root/file': Operation not permitted", despiteMount]),
        // --mount: first the propagation.
        fault("xunshare", "mount EPERM", ["--mount", "--fork", "--net=@TMP/root/file", "true"],
              ["xunshare: cannot make private the mounts below '/': Operation not permitted"]),
        fault("xunshare", "-n 2 mount EPERM", ["--mount", "--pid", "--fork", "--mount-proc", "true"],
              ["xunshare: cannot make the mount at '/proc' private: Operation not permitted"]),
        // mount(2)'s third argument: the type.
        fault("xunshare", "-p 2:proc mount EPERM", ["--mount", "--pid", "--fork", "--mount-proc", "true"],
              ["xunshare: cannot mount proc on '/proc': Operation not permitted", despiteMount]),
        fault("xunshare", "sethostname EPERM", ["--uts", "--hostname=box", "true"],
              ["xunshare: cannot set the host name to 'box': Operation not permitted", despite]),

        // The id maps: written from inside, and by the helper outside.
        fault("xunshare", "-d 0:uid_map write EPERM", ["--user", "--map-root-user", "true"],
              ["xunshare: cannot set the uid map (/proc/self/uid_map: 0 0 1): Operation not permitted",
               "hint: maps other than your own id need root or newuidmap/newgidmap with ranges delegated in /etc/subuid and /etc/subgid"]),
        fault("xunshare", "-p 1:setgroups openat EACCES", ["--user", "--map-root-user", "true"],
              ["xunshare: cannot set the setgroups policy to deny (/proc/self/setgroups: deny): Permission denied"]),
        fault("xunshare", "-p 1:uid_map openat EACCES", ["--user", "--map-users=0:0:10", "true"],
              ["xunshare: cannot set the uid map (/proc/@PID/uid_map: 0 0 10): Permission denied"]),
        // The helper fails, with the keeper waiting: both end, nothing kept.
        fault("xunshare", "-d 0:gid_map write EINVAL", ["--user", "--map-users=0:0:10", "--map-groups=0:0:10", "--net=@TMP/root/file", "--fork", "true"],
              ["xunshare: cannot set the gid map (/proc/@PID/gid_map: 0 0 10): Invalid argument",
               "hint: the ranges must not overlap and must be mapped in the parent user namespace"]),

        // COMMAND cannot run: the namespace file kept for it is released.
        fault("xunshare", "execve EACCES", ["--net=@TMP/root/file", "/bin/true"],
              ["xunshare: cannot run '/bin/true': Permission denied", notExecutable], status: 126),
        fault("xunshare", "execve ENOMEM", ["--fork", "--net=@TMP/root/file", "/bin/true"],
              ["xunshare: cannot run '/bin/true': Cannot allocate memory"], status: 126),
        // Kept by the helper outside the new mount (or user) namespace: the
        // helper standing by there releases them.
        fault("xunshare", "execve EACCES", ["--mount", "--net=@TMP/root/file", "/bin/true"],
              ["xunshare: cannot run '/bin/true': Permission denied", notExecutable], status: 126),
        fault("xunshare", "execve EACCES", ["--mount", "--fork", "--net=@TMP/root/file", "--uts=@TMP/root/other", "/bin/true"],
              ["xunshare: cannot run '/bin/true': Permission denied", notExecutable], status: 126),
        fault("xunshare", "execve ENOMEM", ["--user", "--map-users=0:0:10", "--pid", "--fork", "--mount", "--net=@TMP/root/file", "/bin/true"],
              ["xunshare: cannot run '/bin/true': Cannot allocate memory"], status: 126),
        fault("xunshare", "execve ENOMEM", ["--root=/", "--net=@TMP/root/file", "/bin/true"],
              ["xunshare: cannot run '/bin/true': Cannot allocate memory"], status: 126),

        // Rootless.
        fault("xunshare", "unshare EPERM", ["--user", "--map-root-user", "true"],
              ["xunshare: cannot create new user namespace: Operation not permitted",
               "hint: a user namespace cannot be created inside a chroot or by a process that shares its file system information; run it outside the chroot"],
              rootless: true),
        fault("xunshare", "-d 0:uid_map write EPERM", ["--user", "--map-root-user", "true"],
              ["xunshare: cannot set the uid map (/proc/self/uid_map: 0 0 1): Operation not permitted",
               "hint: maps other than your own id need root or newuidmap/newgidmap with ranges delegated in /etc/subuid and /etc/subgid"],
              rootless: true),
        fault("xunshare", "-p 1:setgroups openat EACCES", ["--user", "--map-root-user", "--mount", "--fork", "--net=@TMP/root/file", "true"],
              ["xunshare: cannot set the setgroups policy to deny (/proc/self/setgroups: deny): Permission denied"], rootless: true),
        fault("xunshare", "execve EACCES", ["--net=@TMP/root/file", "/bin/true"],
              ["xunshare: cannot run '/bin/true': Permission denied", notExecutable], status: 126, rootless: true),
        fault("xunshare", "execve EACCES", ["--user", "--map-root-user", "--mount", "--net=@TMP/root/file", "/bin/true"],
              ["xunshare: cannot run '/bin/true': Permission denied", notExecutable], status: 126, rootless: true),

        // setns(2).
        fault("xnsenter", "setns EPERM", ["--net=/run/netns/b", "true"],
              ["xnsenter: cannot enter the net namespace of '/run/netns/b': Operation not permitted", despite]),
        // The shell that runs the case is PID 1 of its pid namespace.
        fault("xnsenter", "setns EPERM", ["-t", "@SELF", "-n", "-u", "true"],
              ["xnsenter: cannot enter the uts, net namespaces of process 1: Operation not permitted",
               "hint: the target may be protected from ptrace-like access (not dumpable, or a security module)"]),
        fault("xnsenter", "setns EINVAL", ["--net=/run/netns/b", "--uts=/proc/1/ns/uts", "true"],
              ["xnsenter: cannot enter the uts namespace of '/proc/1/ns/uts': Invalid argument",
               "hint: this kernel may lack the namespace kind, or the namespace is not of the kind asked for"]),
        // Entering a pid namespace forks.
        fault("xnsenter", "clone EAGAIN", ["--pid=/proc/1/ns/pid", "true"],
              ["xnsenter: cannot fork a child process: Resource temporarily unavailable", "hint: the process limit (ulimit -u) may be reached"]),
        fault("xnsenter", "execve ENOMEM", ["--net=/run/netns/b", "/bin/true"],
              ["xnsenter: cannot run '/bin/true': Cannot allocate memory"], status: 126),
        fault("xnsenter", "setns EPERM", ["--net=/run/netns/b", "true"],
              ["xnsenter: cannot enter the net namespace of '/run/netns/b': Operation not permitted", despite], rootless: true),
    ]

    static let roots: [Fault] = [
        fault("xchroot", "chroot EPERM", ["@TMP/root", "/bin/true"],
              ["xchroot: cannot change root to '@TMP/root': Operation not permitted"]),
        fault("xchroot", "-p 0:root chdir EACCES", ["@TMP/root", "/bin/true"],
              ["xchroot: cannot change directory to '@TMP/root': Permission denied"]),
        // NEWROOT is bound onto itself first: the bind is undone.
        fault("xchroot", "pivot_root EINVAL", ["--pivot-root", "--force", "@TMP/root", "/bin/true"],
              ["xchroot: cannot pivot the root to '@TMP/root': Invalid argument", pivotRefused]),
        fault("xchroot", "-p 0:root chdir ENOENT", ["--pivot-root", "--force", "@TMP/root", "/bin/true"],
              ["xchroot: cannot change directory to '@TMP/root': No such file or directory"]),
        fault("xchroot", "mount EPERM", ["--pivot-root", "--force", "@TMP/root", "/bin/true"],
              ["xchroot: cannot bind-mount onto itself the new root '@TMP/root': Operation not permitted", "hint: is the path on a read-only or locked mount?"]),
        fault("xchroot", "setuid EPERM", ["--userspec=65534:65534", "/", "/bin/true"],
              ["xchroot: cannot set the user id to '65534': Operation not permitted", "hint: the id must be mapped in the user namespace and the tool needs CAP_SETUID"]),
        fault("xchroot", "capset EPERM", ["--drop-caps", "/", "/bin/true"],
              ["xchroot: cannot limit the effective/permitted/inheritable/ambient capability sets to none: Operation not permitted",
               "hint: changing the bounding set needs CAP_SETPCAP; keeping a capability needs it in the permitted set"]),
        fault("xchroot", "execve EACCES", ["/", "/bin/true"],
              ["xchroot: cannot run '/bin/true' in '/': Permission denied", notExecutable], status: 126),
        fault("xchroot", "execve ENOMEM", ["/", "/bin/true"],
              ["xchroot: cannot run '/bin/true' in '/': Cannot allocate memory"], status: 126),
        fault("xchroot", "pivot_root EINVAL", ["--pivot-root", "--force", "@TMP/root", "/bin/true"],
              ["xchroot: cannot pivot the root to '@TMP/root': Invalid argument", pivotRefused], rootless: true),
        fault("xchroot", "chroot EPERM", ["@TMP/root", "/bin/true"],
              ["xchroot: cannot change root to '@TMP/root': Operation not permitted"], rootless: true),
    ]

    /// xveth's requests, each a sendmsg and (libnl peeks first) two
    /// recvmsg: GETLINK vh0 and eth0 (free?), NEWLINK (the pair), GETLINK
    /// eth0 and vh0, NEWADDR, up, NEWADDR, up (host end, then peer), the
    /// route, GETLINK lo, lo up.
    static let links: [Fault] = [
        fault("xveth", "-n 3 sendmsg EPERM", veth, ["xveth: cannot create the veth pair 'vh0'/'eth0': Operation not permitted", despiteNetwork]),
        // After the pair exists: it is deleted again.
        fault("xveth", "-n 6 sendmsg ENOBUFS", veth, ["xveth: cannot add address 10.77.1.1/24 to 'vh0' in this network namespace: No buffer space available"]),
        fault("xveth", "-n 9 sendmsg ENOBUFS", veth, ["xveth: cannot bring up interface 'eth0' in the network namespace '/run/netns/b': No buffer space available"]),
        fault("xveth", "-n 10 sendmsg EPERM", veth, ["xveth: cannot add the default route via 10.77.1.1 on 'eth0' in the network namespace '/run/netns/b': Operation not permitted", despiteNetwork]),
        fault("xveth", "-n 1 recvmsg ENOBUFS", veth, ["xveth: cannot look up interface 'vh0' in this network namespace: No buffer space available"]),
        // The answer to NEWLINK is lost: the kernel made the pair all the same.
        fault("xveth", "-n 5 recvmsg ENOBUFS", veth, ["xveth: cannot create the veth pair 'vh0'/'eth0': No buffer space available"]),
        fault("xveth", "-n 6 recvmsg ENOBUFS", veth, ["xveth: cannot create the veth pair 'vh0'/'eth0': No buffer space available"]),
        fault("xveth", "-n 20 recvmsg ENOBUFS", veth, ["xveth: cannot add address 10.77.1.2/24 to 'eth0' in the network namespace '/run/netns/b': No buffer space available"]),
        fault("xveth", "-n 25 recvmsg ENOBUFS", veth, ["xveth: cannot look up interface 'lo' in the network namespace '/run/netns/b': No buffer space available"]),
        fault("xveth", "-n 2 socket EMFILE", veth, ["xveth: cannot open a netlink socket in the network namespace '/run/netns/b': Too many open files"]),
        fault("xveth", "setns EPERM", veth, ["xveth: cannot enter the network namespace '/run/netns/b': Operation not permitted", despiteNetwork]),
        // COMMAND cannot run: the pair goes, and lo of the peer down again.
        fault("xveth", "execve EACCES", veth + ["--", "/bin/true"], ["xveth: cannot run '/bin/true': Permission denied", notExecutable], status: 126),
        fault("xveth", "sendmsg EPERM", ["--loopback-only"],
              ["xveth: cannot look up interface 'lo' in this network namespace: Operation not permitted", rootlessNetwork], rootless: true),
        fault("xveth", "-n 2 sendmsg EPERM", ["--loopback-only"],
              ["xveth: cannot bring up interface 'lo' in this network namespace: Operation not permitted", rootlessNetwork], rootless: true),
        fault("xveth", "execve ENOMEM", ["--loopback-only", "--", "/bin/true"],
              ["xveth: cannot run '/bin/true': Cannot allocate memory"], status: 126, rootless: true),
    ]

    @Test(arguments: mounts) func mount(_ row: Fault) throws { try inject(row) }
    @Test(arguments: namespaces) func namespace(_ row: Fault) throws { try inject(row) }
    @Test(arguments: roots) func root(_ row: Fault) throws { try inject(row) }
    @Test(arguments: links) func link(_ row: Fault) throws { try inject(row) }

    @Test func enosysFromTheNewMountAPIFallsBackToMount() throws {
        // Not a failure: a kernel without fsopen gets mount(2), and COMMAND the tmpfs.
        let root = try TemporaryDirectory()
        let injector = try Injector()
        let result = try run(inPrivateMountNamespace([injector.path, "fsopen", "ENOSYS", Package.xmountapi, "--trace", "--root", root.path,
                                                      "--tmpfs=/made", "--", "/bin/sh", "-c", "grep -c ' \(root.path)/made ' /proc/self/mountinfo"]))
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "1\n", "\(result)")
        #expect(result.stderr.contains("fsopen(\"tmpfs\", FSOPEN_CLOEXEC) = -1 ENOSYS"), "\(result)")
        #expect(result.stderr.contains("mount(\"tmpfs\", \"\(root.path)/made\", \"tmpfs\""), "\(result)")
    }

    /// faultinject, built with gcc for one test (and removed with it).
    final class Injector {
        let directory: TemporaryDirectory
        var path: String { directory.file("faultinject") }
        var log: String { directory.file("log") }

        init() throws {
            directory = try TemporaryDirectory()
            let built = try run([gccForEscapes!, "-O1", "-Wall", "-Werror", "-o", directory.file("faultinject"), Package.fixtures + "/faultinject.c"])
            guard built.status == 0 else { throw Timeout(description: "gcc failed on faultinject.c\n\(built)") }
            // Rootless, nobody writes the log.
            _ = FileManager.default.createFile(atPath: log, contents: nil)
            chown(log, uid_t(nobody.uid), gid_t(nobody.gid))
        }
    }

    func inject(_ row: Fault) throws {
        let injector = try Injector()
        let command = [injector.path, "-l", injector.log] + row.fault + [Package.tool(row.tool)] + row.arguments
        let contained = try ContainedRun(command, rootless: row.rootless,
                                         environment: row.legacy ? environment(["XNS_MOUNT_API": "legacy"]) : nil)
        let result = contained.result
        let context = "\(row.testDescription)\n\(contained.context)"
        let faulted = (try? String(contentsOfFile: injector.log, encoding: .utf8)) ?? ""

        #expect(contained.status == "status=\(row.status)", "\(context)")
        #expect(contained.leftBehind.isEmpty, "something was left behind: \(context)")
        #expect(result.stdout == "", "\(context)")
        // The fault was made (not some other failure), and reported.
        #expect(faulted.hasPrefix("\(row.fault[row.fault.count - 2]) failed with \(row.fault[row.fault.count - 1]) in process "),
                "the fault never came: \(faulted)\n\(context)")
        let expected = row.lines.map(contained.expand)
        #expect(result.stderrLines.count == expected.count, "\(context)")
        for (line, wanted) in zip(result.stderrLines, expected) {
            if wanted.contains("@PID") {
                // A helper writes the map of the process it serves.
                let parts = wanted.components(separatedBy: "@PID")
                #expect(line.hasPrefix(parts[0]) && line.hasSuffix(parts[1]) && line.count > wanted.count - 4, "\(context)")
            } else {
                #expect(line == wanted, "\(context)")
            }
        }
    }
}
