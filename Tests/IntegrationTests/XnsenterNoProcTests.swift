import Foundation
import Testing

/// xnsenter before /proc is mounted: its arguments, its messages, namespace
/// FILEs, and a target's namespaces through its pidfd all work there.
extension NoProcTests {
    @Test func xnsenterParsesItsArgumentsAndReportsErrorsWithoutProc() throws {
        let root = try rootWithTool("xnsenter")
        let usage = try run(["chroot", root.path, "/bin/xnsenter", "--bogus"])
        #expect(usage.status == 125)
        #expect(usage.stderrLines.first == "xnsenter: unknown option '--bogus'", "\(usage)")
        let noTarget = try run(["chroot", root.path, "/bin/xnsenter", "-n", "/bin/true"])
        #expect(noTarget.stderrLines.first == "xnsenter: --net needs --target PID, or a FILE: --net=FILE", "\(noTarget)")
        let notNamespace = try run(["chroot", root.path, "/bin/xnsenter", "--net=/etc/passwd", "/bin/true"])
        #expect(notNamespace.status == 125)
        #expect(notNamespace.stderrLines.first == "xnsenter: cannot enter the net namespace of '/etc/passwd': not a namespace file", "\(notNamespace)")
    }

    @Test(.enabled(if: isRoot, "chroot and namespace files need root")) func xnsenterEntersANamespaceFileWithoutProc() throws {
        let root = try rootWithTool("xnsenter")
        let script = """
            test -e "$R/proc/self" && echo proc-is-mounted
            touch "$R/uts" && unshare --uts="$R/uts" hostname noproc && chroot "$R" /bin/xnsenter --uts=/uts /bin/hostname
            """
        let result = try run(inPrivateMountNamespace(["sh", "-c", script]), environment: environment(["R": root.path]))
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "noproc\n", "\(result)")
    }

    @Test(.enabled(if: isRoot, "chroot and entering another process need root")) func xnsenterEntersATargetThroughItsPidfdWithoutProc() throws {
        let root = try rootWithTool("xnsenter")
        let chain = try Background([Package.xunshare, "--uts", "--hostname=target", "--", "sleep", "30"])
        let target = try chain.target(running: "sleep")
        for option in ["-u", "--all"] {
            let result = try run(["chroot", root.path, "/bin/xnsenter", "-t", String(target), option, "/bin/hostname"])
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout == "target\n", "\(result)")
        }
        // What only /proc has says so.
        let rootDirectory = try run(["chroot", root.path, "/bin/xnsenter", "-t", String(target), "-r", "/bin/true"])
        #expect(rootDirectory.status == 125)
        #expect(rootDirectory.stderrLines == ["xnsenter: cannot open the root directory of process \(target) (/proc/\(target)/root): No such file or directory",
                                              "hint: /proc is not mounted: mount it"], "\(rootDirectory)")
    }
}
