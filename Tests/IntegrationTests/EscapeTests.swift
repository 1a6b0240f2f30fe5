import Foundation
import Testing

/// The gcc that builds the escape programs, if there is one.
let gccForEscapes: String? = ["/usr/bin/gcc", "/usr/local/bin/gcc"].first { FileManager.default.isExecutableFile(atPath: $0) }

/// Escape programs (Fixtures/escape.c, built static with gcc) run as root in
/// a busybox root. A marker file exists only outside the root; a program that
/// reaches it has escaped. Plain xchroot is not a boundary (as coreutils
/// chroot): the classic escapes work there. Inside the hardened chain
/// `xunshare --mount --pid --fork -- xmountapi --proc -- xchroot --pivot-root
/// --drop-caps --no-new-privs` none may.
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
    func hardened(_ root: String) -> [String] {
        [Package.xunshare, "--mount", "--pid", "--fork", "--", Package.xmountapi, "--root", root, "--proc", "--",
         Package.xchroot, "--pivot-root", "--drop-caps", "--no-new-privs", root]
    }

    @Test(arguments: [("double-chroot", "-"), ("fchdir", "3"), ("proc-root", "SELF")])
    func plainXchrootIsNotABoundary(method: String, argument: String) throws {
        let setup = try Setup()
        let result = try setup.attempt(plain + [setup.root.path], method, argument)
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
