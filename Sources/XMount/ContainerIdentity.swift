import Glibc
import XCore

/// systemd's container interface (systemd.io/CONTAINER_INTERFACE), the part a
/// booting init reads to know that it runs in a container, and which one:
/// `container=NAME` and `container_uuid=UUID` in its environment, the
/// manager's name in /run/host/container-manager. The UUID is the tree's
/// /etc/machine-id when it has one, as systemd-nspawn makes it; else a random
/// one, from which systemd makes a transient machine id (the tree is not
/// written).
public enum ContainerIdentity {
    public static let managerFile = "/run/host/container-manager"

    /// Letters, digits, '-', '_', '.': what systemd's detect-virt knows as a
    /// container=… value is of this shape.
    static func isValidManagerName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 64 && name.utf8.allSatisfy {
            ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5a) || ($0 >= 0x61 && $0 <= 0x7a) || $0 == 0x2d || $0 == 0x5f || $0 == 0x2e
        }
    }

    /// Writes "NAME\n" into `path` (a file resolve made in the container's /run).
    static func writeManager(_ name: String, to path: String, option: String) throws(XError) {
        // open() here is no system call a dry run may skip: it truncates.
        if Trace.isDryRun { Trace.line("write \(traceString(name + "\n")) into \(path)"); return }
        let (fd, err) = FileDescriptor.open(path, O_WRONLY | O_TRUNC | O_NOFOLLOW)
        guard let fd else { throw XError.step("\(option): cannot open", path, errno: err) }
        let text = Array((name + "\n").utf8)
        let raw = fd.raw
        try systemCall("write", "\(raw), \(traceString(name + "\n"))") {
            text.withUnsafeBytes { Int32(write(raw, $0.baseAddress, $0.count)) }
        }.orThrow("\(option): cannot write", path)
        fchmod(raw, 0o444)
    }

    /// The 32 hex digits of ROOT/etc/machine-id, if it holds an id (not
    /// empty, not "uninitialized").
    /// Read inside the root (a symlink in it cannot reach the host's).
    public static func machineID(in root: RootDirectory) -> String? {
        guard let data = RootedPath.read("/etc/machine-id", in: root.handle.raw) else { return nil }
        let text = String(decoding: data.prefix(33), as: UTF8.self)
        let id = text.hasSuffix("\n") ? String(text.dropLast()) : text
        guard id.utf8.count == 32, id.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }),
              id != String(repeating: "0", count: 32) else { return nil }
        return id
    }

    /// container_uuid: the machine id as a UUID (8-4-4-4-12), or a random
    /// version-4 UUID.
    public static func uuid(machineID: String?) throws(XError) -> String {
        var hex: [UInt8]
        if let machineID {
            hex = Array(machineID.utf8)
        } else {
            var bytes = [UInt8](repeating: 0, count: 16)
            let (random, err) = FileDescriptor.open("/dev/urandom", O_RDONLY)
            guard let random, bytes.withUnsafeMutableBytes({ read(random.raw, $0.baseAddress, 16) }) == 16 else {
                throw XError.step("--container: cannot read random bytes for container_uuid from", "/dev/urandom", errno: err != 0 ? err : errno)
            }
            bytes[6] = (bytes[6] & 0x0f) | 0x40
            bytes[8] = (bytes[8] & 0x3f) | 0x80
            let digits = Array("0123456789abcdef".utf8)
            hex = bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0f)]] }
        }
        for dash in [20, 16, 12, 8] { hex.insert(0x2d, at: dash) }
        return String(decoding: hex, as: UTF8.self)
    }
}
