import Glibc

/// A kernel control file — /proc/PID/uid_map, gid_map, setgroups,
/// timens_offsets — takes its whole contents in a single write(2); a second
/// write is refused. Traced as the open and the write.
public enum ControlFile {
    /// Writes `text` to `path` in one write. Returns the errno on failure.
    public static func write(_ path: String, _ text: String) -> Int32? {
        let opened = systemCall("openat", "AT_FDCWD, \(traceString(path)), O_WRONLY|O_CLOEXEC", dryRunValue: -2) {
            open(path, O_WRONLY | O_CLOEXEC)
        }
        if opened.failed { return opened.errno }
        if Trace.isDryRun {
            Trace.line("write(\(traceString(text))) (dry run: not made)")
            return nil
        }
        let descriptor = FileDescriptor(adopting: opened.value)
        var bytes = Array(text.utf8)
        let written = systemCall("write", "\(descriptor.raw), \(traceString(text)), \(bytes.count)") {
            Int32(truncatingIfNeeded: bytes.withUnsafeMutableBytes { Glibc.write(descriptor.raw, $0.baseAddress, $0.count) })
        }
        if written.failed { return written.errno }
        return written.value == bytes.count ? nil : EIO
    }
}
