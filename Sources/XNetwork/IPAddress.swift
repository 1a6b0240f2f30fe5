import Glibc
import XCore

/// An IPv4 or IPv6 address, parsed with inet_pton(3) and shown with
/// inet_ntop(3) (so `fd00:0::1` is shown as `fd00::1`).
public struct IPAddress: Equatable, CustomStringConvertible {
    /// AF_INET or AF_INET6.
    public let family: Int32
    /// 4 or 16 bytes, network order.
    public let bytes: [UInt8]

    public init?(_ text: String) {
        for (family, size) in [(AF_INET, 4), (AF_INET6, 16)] {
            var buffer = [UInt8](repeating: 0, count: size)
            if inet_pton(family, text, &buffer) == 1 {
                self.family = family
                bytes = buffer
                return
            }
        }
        return nil
    }

    public var isIPv6: Bool { family == AF_INET6 }
    /// The number of bits in an address of this family.
    public var bitCount: Int { bytes.count * 8 }

    public var isUnspecified: Bool { bytes.allSatisfy { $0 == 0 } }
    public var isMulticast: Bool { isIPv6 ? bytes[0] == 0xff : bytes[0] & 0xf0 == 0xe0 }
    /// fe80::/10: reachable on the link without any address of its own.
    public var isLinkLocal: Bool { isIPv6 && bytes[0] == 0xfe && bytes[1] & 0xc0 == 0x80 }

    public var familyName: String { isIPv6 ? "IPv6" : "IPv4" }

    public var description: String {
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        _ = inet_ntop(family, bytes, &text, socklen_t(text.count))
        return String(decoding: text.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `--peer-gateway=IP`: a unicast address of either family.
    public static func parseGateway(_ text: String, option: String) throws(XError) -> IPAddress {
        guard let address = IPAddress(text) else {
            throw XError.usage("invalid address \(quoted(text)) in \(option): expected an IPv4 or IPv6 address such as 10.0.0.1 or fd00::1")
        }
        if address.isUnspecified || address.isMulticast {
            throw XError.usage("invalid address \(quoted(text)) in \(option): not a unicast address")
        }
        return address
    }
}

/// An address with its prefix length, as given to an interface:
/// `10.77.0.1/24`, `fd00:77::1/64` (CIDR notation).
public struct InterfaceAddress: Equatable, CustomStringConvertible {
    public let address: IPAddress
    public let prefixLength: Int

    public var description: String { "\(address)/\(prefixLength)" }

    /// Parses `ADDRESS/PREFIX`; the prefix is required, so that a forgotten
    /// one is not silently taken as a /32 host route.
    public static func parse(_ text: String, option: String) throws(XError) -> InterfaceAddress {
        let example = "expected ADDRESS/PREFIX such as 10.0.0.1/24 or fd00::1/64"
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw XError.usage("invalid address \(quoted(text)) in \(option): \(example)")
        }
        guard let address = IPAddress(String(parts[0])) else {
            throw XError.usage("invalid address \(quoted(text)) in \(option): \(quoted(String(parts[0]))) is not an IPv4 or IPv6 address")
        }
        let digits = parts[1]
        guard !digits.isEmpty, digits.count <= 3, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              let length = Int(digits), length <= address.bitCount else {
            throw XError.usage("invalid address \(quoted(text)) in \(option): the prefix length must be 0 to \(address.bitCount) for \(address.familyName)")
        }
        if address.isUnspecified || address.isMulticast {
            throw XError.usage("invalid address \(quoted(text)) in \(option): not a unicast address")
        }
        return InterfaceAddress(address: address, prefixLength: length)
    }
}
