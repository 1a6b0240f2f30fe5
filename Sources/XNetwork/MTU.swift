import CLinux
import XCore

/// The MTU a veth accepts: ETH_MIN_MTU (68) to ETH_MAX_MTU (65535); IPv6
/// needs at least 1280 (the kernel disables IPv6 on a smaller link).
public enum MTU {
    public static var range: ClosedRange<Int> { Int(xns_ETH_MIN_MTU)...Int(xns_ETH_MAX_MTU) }
    public static var ipv6Minimum: Int { Int(xns_IPV6_MIN_MTU) }

    public static func validate(_ mtu: Int, option: String, ipv6: Bool) throws(XError) -> Int {
        guard range.contains(mtu) else {
            throw XError.usage("MTU \(mtu) in \(option) is out of range: a veth takes \(range.lowerBound) to \(range.upperBound)")
        }
        if ipv6 && mtu < ipv6Minimum {
            throw XError.usage("MTU \(mtu) in \(option) is too small for the IPv6 addresses: IPv6 needs at least \(ipv6Minimum)")
        }
        return mtu
    }
}
