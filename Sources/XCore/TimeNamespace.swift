import Glibc

/// The clock offsets of a new time namespace (time_namespaces(7)): what
/// CLOCK_MONOTONIC and CLOCK_BOOTTIME read inside, relative to outside.
/// They can be written only after unshare(CLONE_NEWTIME) and before any
/// process has entered the namespace — before the first child is forked.
public enum TimeNamespace {
    public static func setOffsets(monotonic: Int64?, boottime: Int64?) throws(XError) {
        for (clock, name, offset) in [(CLOCK_MONOTONIC, "monotonic", monotonic), (CLOCK_BOOTTIME, "boottime", boottime)] {
            guard let offset else { continue }
            if let err = ControlFile.write("/proc/self/timens_offsets", "\(clock) \(offset) 0") {
                throw XError("cannot set the \(name) clock offset to \(offset) seconds", errno: err,
                             hint: err == EACCES || err == EPERM
                                 ? "offsets can be set only before the first process enters the time namespace"
                                 : err == ERANGE || err == EINVAL ? "the offset must keep the clock between 0 and 2^62 seconds" : nil)
            }
        }
    }
}
