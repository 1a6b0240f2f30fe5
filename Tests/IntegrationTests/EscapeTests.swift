import Foundation
import Testing

/// The gcc that builds the escape programs, if there is one.
let gccForEscapes: String? = ["/usr/bin/gcc", "/usr/local/bin/gcc"].first { FileManager.default.isExecutableFile(atPath: $0) }

/// Escape programs (Fixtures/escape.c, built static with gcc) run as root in
/// a busybox root. A marker file exists only outside the root; a program that
/// reaches it has escaped. Plain xchroot is not a boundary (as coreutils
/// chroot): the classic escapes work there — double chroot, fchdir to an
/// inherited directory, /proc/PID/root, open_by_handle_at with a guessed
/// handle (shocker), mounting the host's disk from a node made with mknod,
/// mounting a new proc, and reading the raw disk as far as this machine lets
/// root read it at all. Inside the hardened chain `xunshare --mount --pid
/// --fork -- xmountapi --proc -- xchroot --pivot-root --drop-caps
/// --no-new-privs` none may: the dropped capabilities refuse the calls.
@Suite(.enabled(if: isRoot && gccForEscapes != nil, "needs root and gcc (static glibc)"))
struct EscapeTests {
    /// A busybox root with /escape, and a directory outside it holding the marker.
    final class Setup {
        let root: BusyboxRoot
        let outside: TemporaryDirectory
        var marker: String { outside.file("marker") }

        init() throws {
            root = try BusyboxRoot()
            outside = try TemporaryDirectory()
            _ = FileManager.default.createFile(atPath: outside.file("marker"), contents: Data())
            let built = try run([gccForEscapes!, "-static", "-O1", "-o", root.path + "/escape", Package.fixtures + "/escape.c"])
            guard built.status == 0 else { throw Timeout(description: "gcc -static failed (is libc6-dev there?)\n\(built)") }
        }

        /// The host's root file system as the escapes name it: its device
        /// (stat of / outside: MAJ:MIN), type, and root inode.
        static let disk = (try? run(["stat", "-c", "%Hd:%Ld", "/"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? "0:0"
        static let diskType = (try? run(["findmnt", "-no", "FSTYPE", "/"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? ""
        static let rootInode = (try? run(["stat", "-c", "%i", "/"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? "2"
        /// What mknod reads back: the ext2/3/4 superblock magic (0xEF53, at 1080).
        static let superblockMagic = "\(disk):1080:53ef"

        /// Runs `chain` + [/escape METHOD MARKER ARG] with fd 3 open on the
        /// directory outside (unless `closed`) and proc mounted in the root, in
        /// a private mount namespace. SELF as ARG is the pid of the shell that
        /// starts the chain and waits for it: a process outside the root.
        func attempt(_ chain: [String], _ method: String, _ argument: String, fdOutside: Bool = true) throws -> Outcome {
            let script = #"""
                R=$1 M=$2; shift 2; mount -t proc proc "$R/proc" || exit 99
                args=("${@//SELF/$$}")
                if [ "$FD" = yes ]; then "${args[@]}" 3<"$M"; else "${args[@]}" 3<&-; fi
                """#
            return try run(inPrivateMountNamespace(["bash", "-c", script, "bash", root.path, outside.path] + chain
                                                    + ["/escape", method, marker, argument]),
                           environment: environment(["FD": fdOutside ? "yes" : "no"]))
        }
    }

    var plain: [String] { [Package.xchroot] }
    /// The hardened chain; `privileged`: without --drop-caps --no-new-privs.
    func hardened(_ root: String, privileged: Bool = false) -> [String] {
        [Package.xunshare, "--mount", "--pid", "--fork", "--", Package.xmountapi, "--root", root, "--proc", "--",
         Package.xchroot, "--pivot-root"] + (privileged ? [] : ["--drop-caps", "--no-new-privs"]) + [root]
    }

    /// DISK and INODE in an argument: the host's root file system's.
    static func resolve(_ argument: String) -> String {
        argument.replacingOccurrences(of: "DISK", with: "\(Setup.disk):\(Setup.diskType)")
            .replacingOccurrences(of: "INODE", with: Setup.rootInode)
    }

    @Test(arguments: [("double-chroot", "-"), ("fchdir", "3"), ("proc-root", "SELF"), ("open-by-handle", "INODE"),
                      ("mount", "DISK"), ("mount", "proc:SELF")])
    func plainXchrootIsNotABoundary(method: String, argument: String) throws {
        let setup = try Setup()
        let result = try setup.attempt(plain + [setup.root.path], method, Self.resolve(argument))
        #expect(result.status == 0, "\(method): \(result)")
        #expect(result.stdout == "escaped\n", "\(method): \(result)")
    }

    @Test func theHardenedChainKeepsEveryEscapeIn() throws {
        let setup = try Setup()
        // Capabilities dropped: no chroot(2) at all.
        let double = try setup.attempt(hardened(setup.root.path), "double-chroot", "-", fdOutside: false)
        #expect(double.status == 1, "\(double)")
        #expect(double.stdout == "contained: chroot: Operation not permitted\n", "\(double)")
        // The shell outside is not in the new pid namespace's /proc.
        let proc = try setup.attempt(hardened(setup.root.path), "proc-root", "SELF", fdOutside: false)
        #expect(proc.status == 1, "\(proc)")
        #expect(proc.stdout.hasPrefix("contained: /proc/"), "\(proc)")
        // Nothing inherited to fchdir to.
        let none = try setup.attempt(hardened(setup.root.path), "fchdir", "3", fdOutside: false)
        #expect(none.status == 1, "\(none)")
        #expect(none.stdout == "contained: fchdir(3): Bad file descriptor\n", "\(none)")
    }

    /// The node of the host's disk is made in plain xchroot, and reading it
    /// goes as far as it goes outside any root: this machine may refuse root
    /// the raw disk itself (a device policy), then the open fails the same way.
    @Test(.enabled(if: Setup.diskType.hasPrefix("ext"), "the superblock magic read back is ext2/3/4's"))
    func plainXchrootLetsRootReadTheHostsDisk() throws {
        let setup = try Setup()
        let node = setup.outside.file("disk")
        let numbers = Setup.disk.split(separator: ":").map(String.init)
        try #require(try run(["mknod", node, "b"] + numbers).status == 0)
        let fd = open(node, O_RDONLY)
        let outside = fd < 0 ? String(cString: strerror(errno)) : nil
        if fd >= 0 { close(fd) }
        unlink(node)
        let result = try setup.attempt(plain + [setup.root.path], "mknod", Setup.superblockMagic)
        if let outside {
            #expect(result.stdout == "contained: open(/tmp/escape-disk): \(outside)\n", "refused outside too (\(outside)): \(result)")
        } else {
            #expect(result.stdout == "escaped\n", "\(result)")
        }
    }

    @Test func theHardenedChainRefusesHandlesNodesAndMounts() throws {
        let setup = try Setup()
        let attempts: [(String, String, String)] = [
            ("open-by-handle", "INODE", "open_by_handle_at(inode \(Setup.rootInode)): Operation not permitted"),
            ("mknod", Setup.superblockMagic, "mknod(/tmp/escape-disk, \(Setup.disk)): Operation not permitted"),
            ("mount", "DISK", "mknod(/tmp/escape-disk, \(Setup.disk)): Operation not permitted"),
            ("mount", "proc:SELF", "mount(proc, /tmp/escape-proc): Operation not permitted"),
        ]
        for (method, argument, why) in attempts {
            let result = try setup.attempt(hardened(setup.root.path), method, Self.resolve(argument), fdOutside: false)
            #expect(result.status == 1, "\(method) \(argument): \(result)")
            #expect(result.stdout == "contained: \(why)\n", "\(method) \(argument): \(result)")
        }
    }

    /// Which layer stops them: the pivot alone does not, while root keeps
    /// its capabilities. A handle opened on the disk's root lies outside the
    /// pivoted tree, and the disk mounted again shows all of it.
    @Test func thePivotAloneLetsRootWithCapabilitiesOut() throws {
        let setup = try Setup()
        for (method, argument) in [("open-by-handle", "INODE"), ("mount", "DISK")] {
            let result = try setup.attempt(hardened(setup.root.path, privileged: true), method, Self.resolve(argument), fdOutside: false)
            #expect(result.stdout == "escaped\n", "\(method): \(result)")
        }
    }

    @Test func aDirectoryInheritedFromOutsideIsRefusedBeforeThePivot() throws {
        // The detached old root would stay readable through fd 3: xchroot
        // refuses, and the escape program never runs.
        let setup = try Setup()
        let result = try setup.attempt(hardened(setup.root.path), "fchdir", "3")
        #expect(result.status == 125, "\(result)")
        #expect(result.stdout == "", "\(result)")
        #expect(result.stderrLines == [
            "xchroot: refusing to pivot the root: fd 3 is open on a directory outside '\(setup.root.path)', and COMMAND could leave the root through it",
            "hint: close it for the chain (3<&-), or open it on a directory inside NEWROOT",
        ], "\(result)")
        // A directory inside the new root may be handed on.
        let inside = try run(inPrivateMountNamespace(["bash", "-c", #"exec "$@" 3<"$0/etc""#, setup.root.path, Package.xunshare, "--mount", "--",
                                                      Package.xchroot, "--pivot-root", setup.root.path, "/bin/sh", "-c", "cd /proc/self/fd/3 2>/dev/null; ls -d /etc"]))
        #expect(inside.status == 0, "\(inside)")
    }
}
