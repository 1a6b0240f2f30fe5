import Glibc
import Testing
import XCore
import XNetwork

/// The values xveth takes from its command line: interface names, CIDRs,
/// gateways, MAC addresses and MTUs. Each bad one is one clear usage error.
@Suite struct NetworkValuesTests {
    /// The message of the XError `body` throws, or nil (and an issue) if it succeeds.
    func failure<T>(_ body: () throws(XError) -> T) -> String? {
        do {
            let value = try body()
            Issue.record("expected an error, got \(value)")
            return nil
        } catch {
            #expect(error.status == 125)
            return error.text
        }
    }

    @Test func interfaceNames() throws {
        #expect(try InterfaceName.validate("eth0", option: "--peer") == "eth0")
        #expect(try InterfaceName.validate("a", option: "--peer") == "a")
        #expect(try InterfaceName.validate("vh-box_1.2", option: "--host") == "vh-box_1.2")
        // 15 bytes is the limit (IFNAMSIZ 16 with the NUL).
        #expect(InterfaceName.maximumLength == 15)
        #expect(try InterfaceName.validate("abcdefghijklmno", option: "--host") == "abcdefghijklmno")
        #expect(failure { () throws(XError) in try InterfaceName.validate("abcdefghijklmnop", option: "--host") }
            == "interface name 'abcdefghijklmnop' in --host is too long: 16 bytes, at most 15 (IFNAMSIZ)")
        // Bytes, not characters: 8 two-byte characters are 16 bytes.
        #expect(failure { () throws(XError) in try InterfaceName.validate("éééééééé", option: "--peer") }?.contains("16 bytes") == true)
        #expect(failure { () throws(XError) in try InterfaceName.validate("", option: "--peer") } == "empty interface name in --peer")
        #expect(failure { () throws(XError) in try InterfaceName.validate("..", option: "--peer") } == "invalid interface name '..' in --peer")
        #expect(failure { () throws(XError) in try InterfaceName.validate("a/b", option: "--peer") } == "invalid interface name 'a/b' in --peer: no '/' allowed")
        #expect(failure { () throws(XError) in try InterfaceName.validate("eth0:1", option: "--peer") } == "invalid interface name 'eth0:1' in --peer: no ':' allowed")
        #expect(failure { () throws(XError) in try InterfaceName.validate("veth%d", option: "--host") } == "invalid interface name 'veth%d' in --host: no '%' allowed")
        #expect(failure { () throws(XError) in try InterfaceName.validate("a b", option: "--host") } == "invalid interface name 'a b' in --host: no space allowed")
        #expect(failure { () throws(XError) in try InterfaceName.validate("a\tb", option: "--host") } == "invalid interface name 'a\\tb' in --host: no white space allowed")
    }

    @Test func cidrs() throws {
        let v4 = try InterfaceAddress.parse("10.77.0.1/24", option: "--host-addr")
        #expect(v4.address.family == AF_INET)
        #expect(v4.address.bytes == [10, 77, 0, 1])
        #expect(v4.prefixLength == 24)
        #expect(v4.description == "10.77.0.1/24")
        let v6 = try InterfaceAddress.parse("fd00:0:0::1/64", option: "--peer-addr")
        #expect(v6.address.family == AF_INET6)
        #expect(v6.address.bytes.count == 16)
        #expect(v6.description == "fd00::1/64")
        #expect(try InterfaceAddress.parse("10.0.0.1/32", option: "-").prefixLength == 32)
        #expect(try InterfaceAddress.parse("10.0.0.1/0", option: "-").prefixLength == 0)
        #expect(try InterfaceAddress.parse("fd00::1/128", option: "-").prefixLength == 128)
    }

    @Test func badCidrs() {
        let example = "expected ADDRESS/PREFIX such as 10.0.0.1/24 or fd00::1/64"
        for (text, reason) in [
            ("10.0.0.1", example),
            ("fd00::1", example),
            ("", example),
            ("10.0.0.300/24", "'10.0.0.300' is not an IPv4 or IPv6 address"),
            ("10.0.0/24", "'10.0.0' is not an IPv4 or IPv6 address"),
            ("host/24", "'host' is not an IPv4 or IPv6 address"),
            ("/24", "'' is not an IPv4 or IPv6 address"),
            ("10.0.0.1/33", "the prefix length must be 0 to 32 for IPv4"),
            ("fd00::1/129", "the prefix length must be 0 to 128 for IPv6"),
            ("10.0.0.1/", "the prefix length must be 0 to 32 for IPv4"),
            ("10.0.0.1/-1", "the prefix length must be 0 to 32 for IPv4"),
            ("10.0.0.1/+8", "the prefix length must be 0 to 32 for IPv4"),
            ("10.0.0.1/24/8", "the prefix length must be 0 to 32 for IPv4"),
            ("10.0.0.1/0024", "the prefix length must be 0 to 32 for IPv4"),
            ("0.0.0.0/8", "not a unicast address"),
            ("224.0.0.1/4", "not a unicast address"),
            ("::/0", "not a unicast address"),
            ("ff02::1/64", "not a unicast address"),
        ] {
            #expect(failure { () throws(XError) in try InterfaceAddress.parse(text, option: "--host-addr") }
                == "invalid address '\(text)' in --host-addr: \(reason)", "\(text)")
        }
    }

    @Test func gateways() throws {
        #expect(try IPAddress.parseGateway("10.77.0.1", option: "--peer-gateway").description == "10.77.0.1")
        #expect(try IPAddress.parseGateway("fe80::1", option: "--peer-gateway").isLinkLocal)
        #expect(try !IPAddress.parseGateway("fd00::1", option: "--peer-gateway").isLinkLocal)
        #expect(failure { () throws(XError) in try IPAddress.parseGateway("10.77.0.1/24", option: "--peer-gateway") }
            == "invalid address '10.77.0.1/24' in --peer-gateway: expected an IPv4 or IPv6 address such as 10.0.0.1 or fd00::1")
        #expect(failure { () throws(XError) in try IPAddress.parseGateway("0.0.0.0", option: "--peer-gateway") }
            == "invalid address '0.0.0.0' in --peer-gateway: not a unicast address")
    }

    @Test func macAddresses() throws {
        #expect(try MACAddress.parse("02:00:00:00:00:01", option: "--mac").bytes == [2, 0, 0, 0, 0, 1])
        #expect(try MACAddress.parse("02-AB-cd-00-00-FF", option: "--mac").description == "02:ab:cd:00:00:ff")
        let shape = "expected six hex octets such as 02:00:00:00:00:01"
        for text in ["", "02:00:00:00:00", "02:00:00:00:00:01:02", "2:0:0:0:0:1", "02:00:00:00:00:0g", "0200.0000.0001", "02:00-00:00:00:01"] {
            #expect(failure { () throws(XError) in try MACAddress.parse(text, option: "--mac") }
                == "invalid MAC address '\(text)' in --mac: \(shape)", "\(text)")
        }
        #expect(failure { () throws(XError) in try MACAddress.parse("01:00:5e:00:00:01", option: "--mac") }
            == "invalid MAC address '01:00:5e:00:00:01' in --mac: a multicast address cannot name an interface")
        #expect(failure { () throws(XError) in try MACAddress.parse("00:00:00:00:00:00", option: "--mac") }
            == "invalid MAC address '00:00:00:00:00:00' in --mac: all zeros")
    }

    @Test func mtus() throws {
        #expect(MTU.range == 68...65535)
        #expect(try MTU.validate(68, option: "--mtu", ipv6: false) == 68)
        #expect(try MTU.validate(65535, option: "--mtu", ipv6: true) == 65535)
        #expect(try MTU.validate(1280, option: "--mtu", ipv6: true) == 1280)
        for mtu in [0, -1, 67, 65536, Int.max] {
            #expect(failure { () throws(XError) in try MTU.validate(mtu, option: "--mtu", ipv6: false) }
                == "MTU \(mtu) in --mtu is out of range: a veth takes 68 to 65535")
        }
        #expect(failure { () throws(XError) in try MTU.validate(1279, option: "--mtu", ipv6: true) }
            == "MTU 1279 in --mtu is too small for the IPv6 addresses: IPv6 needs at least 1280")
    }

    @Test func namespaceTargets() throws {
        #expect(try NamespaceSource.target(file: nil, pid: nil, fd: nil) == nil)
        #expect(try NamespaceSource.target(file: "/run/netns/b", pid: nil, fd: nil) == .file("/run/netns/b"))
        #expect(try NamespaceSource.target(file: nil, pid: 42, fd: nil) == .process(42))
        #expect(try NamespaceSource.target(file: nil, pid: nil, fd: 3) == .inherited(3))
        #expect(failure { () throws(XError) in try NamespaceSource.target(file: "/x", pid: 1, fd: nil) }
            == "--netns, --pid and --netns-fd exclude each other")
        #expect(failure { () throws(XError) in try NamespaceSource.target(file: nil, pid: 0, fd: nil) } == "invalid process id 0 in --pid")
        #expect(failure { () throws(XError) in try NamespaceSource.target(file: nil, pid: nil, fd: 1) }
            == "invalid fd 1 in --netns-fd: stdin, stdout and stderr cannot name a namespace")
        #expect(NamespaceSource.file("/run/netns/b").label == "the network namespace '/run/netns/b'")
        #expect(NamespaceSource.current.traceLabel == nil)
        #expect(NamespaceSource.inherited(3).traceLabel == "netns fd 3")
    }
}
