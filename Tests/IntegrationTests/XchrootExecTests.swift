import Foundation
import Testing

/// When COMMAND cannot run inside the new root, xchroot says why and exits
/// 127 (not found) or 126 (found, cannot be executed), like coreutils.
@Suite struct XchrootExecTests {
    @Test func missingCommandIs127() throws {
        let root = try BusyboxRoot()
        let result = try run([Package.xchroot, root.path, "/bin/bash"])
        #expect(result.status == 127, "\(result)")
        #expect(result.stderrLines == ["xchroot: cannot run '/bin/bash' in '\(root.path)': No such file or directory"])
    }

    @Test func commandIsSearchedInThePathInsideTheRoot() throws {
        let root = try BusyboxRoot()
        try root.write("usr/local/bin/only-inside", "#!/bin/sh\necho found inside\n", mode: 0o755)
        let env = environment(["PATH": "/usr/local/bin:/bin"])
        let found = try run([Package.xchroot, root.path, "only-inside"], environment: env)
        #expect(found.stdout == "found inside\n", "\(found)")
        let missing = try run([Package.xchroot, root.path, "no-such-command"], environment: env)
        #expect(missing.status == 127)
        #expect(missing.stderrLines == ["xchroot: cannot run 'no-such-command' in '\(root.path)': No such file or directory",
                                        "hint: searched PATH=/usr/local/bin:/bin"])
    }

    @Test func missingELFInterpreterIsNamed() throws {
        // A dynamically linked program copied without its loader: the kernel
        // says ENOENT although the file is there.
        let root = try BusyboxRoot()
        try FileManager.default.copyItem(atPath: "/usr/bin/true", toPath: root.path + "/bin/dyntrue")
        let result = try run([Package.xchroot, root.path, "/bin/dyntrue"])
        #expect(result.status == 126, "\(result)")
        #expect(result.stderrLines.first == "xchroot: cannot run '/bin/dyntrue' in '\(root.path)': its ELF interpreter '/lib64/ld-linux-x86-64.so.2' is missing")
        #expect(result.stderrLines.last?.hasPrefix("hint: copy the dynamic loader") == true)
    }

    @Test func missingScriptInterpreterIsNamed() throws {
        let root = try BusyboxRoot()
        try root.write("bin/script", "#!/usr/bin/python3\nprint(1)\n", mode: 0o755)
        let result = try run([Package.xchroot, root.path, "/bin/script"])
        #expect(result.status == 126, "\(result)")
        #expect(result.stderrLines.first == "xchroot: cannot run '/bin/script' in '\(root.path)': its script interpreter '/usr/bin/python3' is missing")
    }

    @Test func notExecutableIs126() throws {
        let root = try BusyboxRoot()
        try root.write("bin/plain", "echo never\n", mode: 0o644)
        let result = try run(rootless([Package.xchroot, root.path, "/bin/plain"]))
        #expect(result.status == 126, "\(result)")
        #expect(result.stderrLines.first == "xchroot: cannot run '/bin/plain' in '\(root.path)': Permission denied")
    }

    @Test func aDirectoryIsNotACommand() throws {
        let root = try BusyboxRoot()
        let result = try run([Package.xchroot, root.path, "/etc"])
        #expect(result.status == 126, "\(result)")
        #expect(result.stderrLines.first == "xchroot: cannot run '/etc' in '\(root.path)': Permission denied")
        #expect(result.stderrLines.last == "hint: /etc is not a regular file")
    }

    @Test func aScriptWithoutShebangRunsWithTheShell() throws {
        // execvp(3) semantics: ENOEXEC falls back to /bin/sh.
        let root = try BusyboxRoot()
        try root.write("bin/noshebang", "echo via sh\n", mode: 0o755)
        let result = try run([Package.xchroot, root.path, "noshebang"], environment: environment(["PATH": "/bin"]))
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "via sh\n")
    }
}
