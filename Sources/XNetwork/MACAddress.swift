import XCore

/// An Ethernet address for `--mac`: six two-digit hex octets separated by
/// ':' (or '-'), unicast (the lowest bit of the first octet clear) and not
/// all zeros — the kernel refuses anything else for an Ethernet device.
public struct MACAddress: Equatable, CustomStringConvertible {
    public let bytes: [UInt8]

    public var description: String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined(separator: ":")
    }

    public static func parse(_ text: String, option: String) throws(XError) -> MACAddress {
        let separator: Character = text.contains("-") ? "-" : ":"
        let octets = text.split(separator: separator, omittingEmptySubsequences: false)
        let bytes = octets.compactMap { $0.count == 2 ? UInt8($0, radix: 16) : nil }
        guard octets.count == 6, bytes.count == 6 else {
            throw XError.usage("invalid MAC address \(quoted(text)) in \(option): expected six hex octets such as 02:00:00:00:00:01")
        }
        if bytes[0] & 1 == 1 {
            throw XError.usage("invalid MAC address \(quoted(text)) in \(option): a multicast address cannot name an interface",
                               hint: "clear the lowest bit of the first octet; locally administered addresses start with 02")
        }
        if bytes.allSatisfy({ $0 == 0 }) {
            throw XError.usage("invalid MAC address \(quoted(text)) in \(option): all zeros")
        }
        return MACAddress(bytes: bytes)
    }
}
