import Glibc

/// The running kernel's version, from uname(2), for the few features that
/// cannot be probed without side effects. setns(2) on a pidfd (Linux >= 5.8)
/// is one: an older kernel refuses it with EINVAL, the errno of a refused
/// entry too, so trying it first could not tell the two apart.
public struct KernelVersion: Comparable, Sendable, CustomStringConvertible {
    public var major: Int
    public var minor: Int

    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// "6.18.44-fc-v769" → 6.18; nil for a release it cannot read.
    public init?(release: String) {
        let numbers = release.split(maxSplits: 2, omittingEmptySubsequences: false,
                                    whereSeparator: { !$0.isNumber })
        guard numbers.count >= 2, let major = Int(numbers[0]), let minor = Int(numbers[1]) else { return nil }
        self.init(major: major, minor: minor)
    }

    /// The running kernel's; nil if uname(2) gives nothing readable.
    public static var running: KernelVersion? {
        var names = utsname()
        guard uname(&names) == 0 else { return nil }
        let release = withUnsafeBytes(of: &names.release) { bytes in
            String(decoding: bytes.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
        return KernelVersion(release: release)
    }

    /// setns(pidfd, flags): several namespaces of a process at once (Linux >= 5.8).
    public static let setnsOnPidfd = KernelVersion(major: 5, minor: 8)

    public var description: String { "\(major).\(minor)" }

    public static func < (left: KernelVersion, right: KernelVersion) -> Bool {
        (left.major, left.minor) < (right.major, right.minor)
    }
}
