import Foundation
import Testing

/// xchroot's default mode: coreutils chroot(1) parity.
@Suite struct XchrootChrootTests {
    @Test func runsTheCommandInsideTheNewRoot() throws {
        let root = try BusyboxRoot()
        let result = try run([Package.xchroot, root.path, "/bin/cat", "/etc/marker"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "inside the busybox root\n")
        #expect(result.stderr == "")
    }

    @Test func exitsWithTheCommandsOwnStatus() throws {
        let root = try BusyboxRoot()
        for code in [0, 1, 42, 125, 255] {
            let result = try run([Package.xchroot, root.path, "/bin/sh", "-c", "exit \(code)"])
            #expect(result.status == Int32(code), "\(result)")
        }
    }

    @Test func theWorkingDirectoryCannotStayOutside() throws {
        let root = try BusyboxRoot()
        let outside = try TemporaryDirectory()
        // Started from a directory outside the root, `..` must stop at the new root.
        let result = try run([Package.xchroot, root.path, "/bin/sh", "-c", "pwd; cd ../../../..; pwd; cat etc/marker"],
                             directory: outside.path)
        #expect(result.stdout == "/\n/\ninside the busybox root\n", "\(result)")
    }

    @Test func wdChangesTheDirectoryInsideTheRoot() throws {
        let root = try BusyboxRoot()
        let result = try run([Package.xchroot, "--wd=/etc", root.path, "/bin/pwd"])
        #expect(result.stdout == "/etc\n", "\(result)")
        let missing = try run([Package.xchroot, "--wd", "/nope", root.path, "/bin/pwd"])
        #expect(missing.status == 125)
        #expect(missing.stderrLines.first == "xchroot: cannot change directory to '/nope': No such file or directory")
    }

    @Test func defaultCommandIsAnInteractiveShell() throws {
        let root = try BusyboxRoot()
        let result = try run([Package.xchroot, root.path], environment: environment(["SHELL": nil]),
                             input: "cat /etc/marker\nexit 7\n")
        #expect(result.status == 7, "\(result)")
        #expect(result.stdout.contains("inside the busybox root"))
    }

    @Test func shellVariableChoosesTheDefaultCommand() throws {
        let root = try BusyboxRoot()
        try root.write("bin/myshell", "#!/bin/sh\necho \"myshell $*\"\n", mode: 0o755)
        let result = try run([Package.xchroot, root.path], environment: environment(["SHELL": "/bin/myshell"]))
        #expect(result.stdout == "myshell -i\n", "\(result)")
    }

    @Test func skipChdirKeepsTheDirectoryWithTheCurrentRoot() throws {
        let here = try TemporaryDirectory()
        let result = try run([Package.xchroot, "--skip-chdir", "/", "/bin/pwd"], directory: here.path)
        #expect(result.stdout == here.path + "\n", "\(result)")
    }

    @Test func skipChdirIsRefusedWithAnotherRoot() throws {
        let root = try BusyboxRoot()
        let result = try run([Package.xchroot, "--skip-chdir", root.path, "/bin/true"])
        #expect(result.status == 125)
        #expect(result.stderrLines == ["xchroot: --skip-chdir is only permitted if NEWROOT is the current root '/'"])
    }

    @Test func missingNewRootIsOneLineAnd125() throws {
        let result = try run([Package.xchroot, "/nonexistent/root", "/bin/true"])
        #expect(result.status == 125)
        #expect(result.stderrLines == ["xchroot: cannot change root to '/nonexistent/root': No such file or directory"])
        #expect(result.stdout == "")
    }

    @Test func newRootThatIsAFileIsRefused() throws {
        let dir = try TemporaryDirectory()
        _ = FileManager.default.createFile(atPath: dir.file("plain"), contents: Data())
        let result = try run([Package.xchroot, dir.file("plain"), "/bin/true"])
        #expect(result.status == 125)
        #expect(result.stderrLines == ["xchroot: cannot change root to '\(dir.file("plain"))': Not a directory"])
    }

    @Test func consoleReopensTheStandardStreams() throws {
        let root = try BusyboxRoot()
        try root.write("console", "")
        let result = try run([Package.xchroot, "--console=/console", root.path, "/bin/sh", "-c", "echo out; echo err >&2"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "")
        let written = try String(contentsOfFile: root.path + "/console", encoding: .utf8)
        #expect(written == "out\nerr\n")
    }

    @Test func noFileDescriptorLeaksIntoTheCommand() throws {
        // The command sees exactly the fds xchroot was given (the test
        // harness hands some down, a different set each run while other
        // tests start processes): xchroot adds none.
        for options in [[], ["--trace", "--userspec=65534:65534", "--keep-caps=kill"]] {
            let result = try run(fdsBeforeAndAfter([Package.xchroot] + options + ["/"]))
            #expect(result.status == 0, "\(result)")
            #expect(result.fdsMatch, "\(result)")
        }
    }

    @Test func theEnvironmentReachesTheCommandUnchanged() throws {
        let env = ["PATH": "/usr/bin:/bin", "XNS_TEST_VALUE": "a b\tc", "HOME": "/root"]
        let result = try run([Package.xchroot, "/", "/usr/bin/env"], environment: env)
        #expect(Set(result.stdout.split(separator: "\n").map(String.init))
                == Set(env.map { "\($0.key)=\($0.value)" }), "\(result)")
    }

    @Test func rootlessThroughAUserNamespace() throws {
        try #require(isRoot, "switching to nobody needs root")
        let root = try BusyboxRoot()
        let result = try run(rootless([Package.xchroot, root.path, "/bin/sh", "-c", "id -u; cat /etc/marker"]))
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "0\ninside the busybox root\n")
    }

    @Test func unprivilegedWithoutUserNamespaceGetsAHint() throws {
        try #require(isRoot, "switching to nobody needs root")
        let root = try BusyboxRoot()
        let result = try run(asNobody([Package.xchroot, root.path, "/bin/true"]))
        #expect(result.status == 125)
        #expect(result.stderrLines.first == "xchroot: cannot change root to '\(root.path)': Operation not permitted")
        #expect(result.stderrLines.count == 2)
        #expect(result.stderrLines.last?.hasPrefix("hint: ") == true)
    }
}
