import CLinux
import Glibc

/// Why COMMAND cannot run, found by looking at it the way execve(2) will:
/// a file that exists can still fail with ENOENT when its ELF interpreter
/// (the dynamic loader) or its `#!` interpreter is missing — the classic
/// "chroot: failed to run command '/bin/bash': No such file or directory"
/// inside a root that lacks /lib64/ld-linux-x86-64.so.2.
public enum ExecutableProblem: Equatable {
    case missing
    case notRegularFile
    case notExecutable
    /// The ELF interpreter (PT_INTERP, the dynamic loader) is missing.
    case interpreterMissing(String)
    /// The interpreter named on the `#!` line is missing.
    case scriptInterpreterMissing(String)
}

public enum ExecutableInspection {
    /// Inspects the file at `path` (absolute, as seen inside `root`).
    /// Returns nil when nothing is wrong with it.
    public static func problem(with path: String, in root: Int32) -> ExecutableProblem? {
        // O_NONBLOCK: a FIFO named like COMMAND must not hang the tool.
        let (file, err) = RootedPath.open(path, in: root, flags: O_RDONLY | O_NONBLOCK | O_NOCTTY)
        guard let file else {
            if err == EACCES {
                // Readable or not, it may still be executable; ask for xns_O_PATH.
                let (pathOnly, err2) = RootedPath.open(path, in: root, flags: xns_O_PATH)
                guard let pathOnly else { return err2 == EACCES ? .notExecutable : .missing }
                return isExecutable(pathOnly.raw) ? nil : .notExecutable
            }
            return .missing
        }
        guard case .success(let status) = FileStatus.of("", at: file.raw) else { return .missing }
        if !status.isRegularFile { return .notRegularFile }
        if !isExecutable(file.raw) { return .notExecutable }
        guard let (interpreter, isScript) = interpreter(of: file) else { return nil }
        let (found, _) = RootedPath.open(interpreter, in: root, flags: xns_O_PATH)
        guard found == nil else { return nil }
        return isScript ? .scriptInterpreterMissing(interpreter) : .interpreterMissing(interpreter)
    }

    /// The ELF PT_INTERP path or the `#!` interpreter of an open file, and
    /// whether it came from a `#!` line.
    public static func interpreter(of file: FileDescriptor) -> (path: String, isScript: Bool)? {
        var head = [UInt8](repeating: 0, count: 256)
        let n = head.withUnsafeMutableBytes { pread(file.raw, $0.baseAddress, $0.count, 0) }
        guard n > 4 else { return nil }
        head.removeSubrange(n...)
        if head.starts(with: [0x23, 0x21]) { return ELFFile.shebangInterpreter(head).map { ($0, true) } }
        return ELFFile.interpreter({ offset, count in
            var bytes = [UInt8](repeating: 0, count: count)
            let got = bytes.withUnsafeMutableBytes { pread(file.raw, $0.baseAddress, count, off_t(offset)) }
            return got == count ? bytes : nil
        }).map { ($0, false) }
    }

    /// execve(2)'s permission check: faccessat(X_OK) on the open file.
    static func isExecutable(_ fd: Int32) -> Bool {
        faccessat(fd, "", X_OK, xns_AT_EMPTY_PATH) == 0
    }
}
