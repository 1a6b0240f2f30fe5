import XCore
import CLinux

/// A network interface name as the kernel accepts it (dev_valid_name):
/// 1 to IFNAMSIZ-1 bytes, not "." or "..", no '/', ':' or white space.
/// '%' is refused too: the kernel would read it as a template and pick a number.
public enum InterfaceName {
    /// The longest name, in bytes (IFNAMSIZ less the terminating NUL).
    public static var maximumLength: Int { Int(xns_IFNAMSIZ) - 1 }

    public static func validate(_ name: String, option: String) throws(XError) -> String {
        let bytes = Array(name.utf8)
        if bytes.isEmpty {
            throw XError.usage("empty interface name in \(option)")
        }
        if bytes.count > maximumLength {
            throw XError.usage("interface name \(quoted(name)) in \(option) is too long: \(bytes.count) bytes, at most \(maximumLength) (IFNAMSIZ)")
        }
        if name == "." || name == ".." {
            throw XError.usage("invalid interface name \(quoted(name)) in \(option)")
        }
        // ASCII '/', ':', '%' and the bytes isspace(3) accepts: ' ', \t \n \v \f \r.
        if let bad = bytes.first(where: { [0x2f, 0x3a, 0x25, 0x20, 0x09, 0x0a, 0x0b, 0x0c, 0x0d].contains($0) }) {
            let shown = bad == 0x20 ? "space" : bad < 0x20 ? "white space" : quoted(String(UnicodeScalar(bad)))
            throw XError.usage("invalid interface name \(quoted(name)) in \(option): no \(shown) allowed")
        }
        return name
    }
}
