import Glibc
import Testing
@testable import XCore

/// ExecutableInspection looks at COMMAND the way execve(2) will, inside a
/// root given as a directory fd; a scratch directory stands in for a new root.
@Suite struct ExecutableInspectionTests {
    /// A temporary directory holding the given files (name, mode, contents),
    /// removed again when `body` returns.
    static func withScratchRoot(_ files: [(String, mode_t, String)], _ body: (Int32, String) throws -> Void) throws {
        var template = Array("/tmp/xns-unit-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        let directory = String(cString: try #require(made))
        defer {
            for (name, _, _) in files { unlink(directory + "/" + name) }
            rmdir(directory)
        }
        for (name, mode, text) in files {
            let fd = open(directory + "/" + name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
            try #require(fd >= 0)
            _ = text.withCString { write(fd, $0, strlen($0)) }
            close(fd)
            chmod(directory + "/" + name, mode) // umask must not change the mode
        }
        let (root, _) = FileDescriptor.directoryHandle(directory)
        let handle = try #require(root)
        try body(handle.raw, directory)
    }

    @Test func hostRoot() throws {
        let (root, _) = FileDescriptor.directoryHandle("/")
        let fd = try #require(root).raw
        #expect(ExecutableInspection.problem(with: "/bin/true", in: fd) == nil)
        #expect(ExecutableInspection.problem(with: "/nonexistent-xns-unit-test", in: fd) == .missing)
        #expect(ExecutableInspection.problem(with: "/", in: fd) == .notRegularFile)
    }

    @Test func interpreterOfOpenFile() throws {
        let (file, _) = FileDescriptor.open("/bin/true", O_RDONLY)
        let interpreter = ExecutableInspection.interpreter(of: try #require(file))
        #if arch(x86_64)
        #expect(interpreter?.path == "/lib64/ld-linux-x86-64.so.2")
        #expect(interpreter?.isScript == false)
        #else
        #expect(interpreter != nil)
        #endif
    }

    /// Paths resolve inside the scratch root: its "/bin/sh" is not the host's.
    @Test func scriptsInsideARoot() throws {
        try Self.withScratchRoot([
            ("data", 0o644, "just data\n"),
            ("lost", 0o755, "#!/nonexistent/xns-interp -x\n"),
            ("sh-script", 0o755, "#! /bin/sh\necho\n"),
        ]) { (root: Int32, directory: String) throws -> Void in
            #expect(ExecutableInspection.problem(with: "/data", in: root) == .notExecutable)
            #expect(ExecutableInspection.problem(with: "/lost", in: root) == .scriptInterpreterMissing("/nonexistent/xns-interp"))
            #expect(ExecutableInspection.problem(with: "/sh-script", in: root) == .scriptInterpreterMissing("/bin/sh"))
            #expect(ExecutableInspection.problem(with: "/missing", in: root) == .missing)
            // The same script seen from the host root finds the host's /bin/sh.
            let (host, _) = FileDescriptor.directoryHandle("/")
            let hostRoot = try #require(host).raw
            #expect(ExecutableInspection.problem(with: directory + "/sh-script", in: hostRoot) == nil)
        }
    }

    /// The exec failure message names the missing interpreter and its kind
    /// (no exec is made: NextLink.failure only inspects the file).
    @Test func missingInterpreterMessage() throws {
        try Self.withScratchRoot([
            ("plain", 0o755, "#!/nonexistent/xns-sh\n"),
            ("tricky", 0o755, "#!/nonexistent/old-python\n"),
        ]) { (_: Int32, directory: String) throws -> Void in
            let plain = NextLink.failure(command: "plain", path: directory + "/plain", errno: ENOENT, place: nil)
            #expect(plain.message == "cannot run 'plain': its script interpreter '/nonexistent/xns-sh' is missing")
            #expect(plain.hint == "install /nonexistent/xns-sh in the root, or change the #! line of \(directory)/plain")
            #expect(plain.status == 126)
            #expect(plain.errno == nil)

            // "old-python" contains "ld-", which the kind is guessed from.
            let tricky = NextLink.failure(command: "tricky", path: directory + "/tricky", errno: ENOENT, place: nil)
            #expect(tricky.message.contains("script interpreter"))
        }
    }
}
