import Glibc

/// A kernel control file — /proc/PID/uid_map, gid_map, setgroups,
/// timens_offsets — takes its whole contents in a single write(2); a second
/// write is refused. Traced as the open and the write.
public enum ControlFile {
    /// Writes `text` to `path` (relative to `directory`) in one write.
    /// Returns the errno on failure.
    public static func write(_ path: String, _ text: String, at directory: Int32 = AT_FDCWD) -> Int32? {
        let (descriptor, error) = open(path, at: directory)
        guard let descriptor else { return error }
        return write(to: descriptor, text)
    }

    /// Opens `path` for a write later (a dry run opens nothing: -1).
    public static func open(_ path: String, at directory: Int32 = AT_FDCWD) -> (FileDescriptor?, Int32) {
        let place = directory == AT_FDCWD ? "AT_FDCWD" : String(directory)
        let opened = systemCall("openat", "\(place), \(traceString(path)), O_WRONLY|O_CLOEXEC", dryRunValue: -2) {
            openat(directory, path, O_WRONLY | O_CLOEXEC)
        }
        if opened.failed { return (nil, opened.errno) }
        return (FileDescriptor(adopting: Trace.isDryRun ? -1 : opened.value), 0)
    }

    /// Writes `text` in one write to a control file opened before.
    public static func write(to descriptor: FileDescriptor, _ text: String) -> Int32? {
        if Trace.isDryRun {
            Trace.line("write(\(traceString(text))) (dry run: not made)")
            return nil
        }
        var bytes = Array(text.utf8)
        let written = systemCall("write", "\(descriptor.raw), \(traceString(text)), \(bytes.count)") {
            Int32(truncatingIfNeeded: bytes.withUnsafeMutableBytes { Glibc.write(descriptor.raw, $0.baseAddress, $0.count) })
        }
        if written.failed { return written.errno }
        return written.value == bytes.count ? nil : EIO
    }
}
