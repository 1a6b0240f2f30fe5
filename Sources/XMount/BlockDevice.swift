import CLazyLibraries
import CLibMount
import Glibc
import XCore

/// A block device named as fstab names it — a path, LABEL=, UUID=,
/// PARTUUID= or PARTLABEL= — found through libblkid (which probes the
/// devices /proc/partitions lists, so it works in an initramfs without
/// udev's /dev/disk links), waited for a bounded time as the kernel's
/// rootdelay= would, and its file system type read from its superblock.
public enum BlockDevice {
    static let tags = ["LABEL", "UUID", "PARTUUID", "PARTLABEL"]

    /// The device path SOURCE names now, or nil if there is none yet.
    public static func resolve(_ source: String) -> String? {
        if let equals = source.firstIndex(of: "="), tags.contains(String(source[..<equals])) {
            let tag = String(source[..<equals]), value = String(source[source.index(after: equals)...])
            var evaluated: UnsafeMutablePointer<CChar>?
            let result = tracedCall("blkid_evaluate_tag(\(traceString(tag)), \(traceString(value)))", changesState: false) {
                evaluated = blkid_evaluate_tag(tag, value, nil)
                return evaluated == nil ? -1 : 0
            }
            defer { free(evaluated) }
            guard !result.failed, let evaluated else { return nil }
            return String(cString: evaluated)
        }
        guard case .success(let status) = FileStatus.of(source), status.isBlockDevice else { return nil }
        return source
    }

    /// SOURCE's device, polling every 50 ms for up to `seconds`.
    public static func waitFor(_ source: String, seconds: Double, option: String) throws(XError) -> String {
        let deadline = monotonicSeconds() + seconds
        var announced = false
        while true {
            if let device = resolve(source) { return device }
            if Trace.isDryRun { return source }
            if monotonicSeconds() >= deadline { break }
            if !announced, Trace.isTracing {
                Trace.line("\(option): waiting up to \(format(seconds)) s for \(source)")
                announced = true
            }
            usleep(50_000)
        }
        throw XError("\(option): no device \(source) appeared in \(format(seconds)) s",
                     hint: source.hasPrefix("/") || source.contains("=")
                         ? "the kernel lists the disks it found in /proc/partitions: is the disk's driver (virtio_blk, ahci, nvme, usb-storage…) built in or loaded? --wait=SECONDS waits longer"
                         : "SOURCE is a device path, LABEL=, UUID=, PARTUUID= or PARTLABEL=")
    }

    /// The file system type on `device` (libblkid's TYPE), or nil.
    public static func fileSystemType(_ device: String) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        let result = tracedCall("blkid_get_tag_value(NULL, \"TYPE\", \(traceString(device)))", changesState: false) {
            value = blkid_get_tag_value(nil, "TYPE", device)
            return value == nil ? -1 : 0
        }
        defer { free(value) }
        guard !result.failed, let value else { return nil }
        return String(cString: value)
    }

    static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
