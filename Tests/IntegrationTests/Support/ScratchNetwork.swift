import Foundation

/// Wraps a shell script so that it runs as root in a network namespace and a
/// private mount namespace of its own, with a tmpfs on /run/netns: that
/// namespace is "the host" of a test. Every veth, address, route, namespace
/// and persisted namespace file the script makes goes away with it, even when
/// the test fails, and the machine's own network is never touched.
/// `$XVETH` in the script is the tool under test.
func inScratchNetwork(_ script: String) -> [String] {
    ["unshare", "--mount", "--propagation", "private", "--net", "--", "sh", "-c",
     "mkdir -p /run/netns && mount -t tmpfs xns-test /run/netns && XVETH=\(Package.tool("xveth")) && \(script)"]
}

/// One interface of `ip -j addr` output.
struct IPInterface {
    var name: String
    var flags: [String]
    var mtu: Int
    var mac: String
    /// "10.77.0.1/24", "fd00::1/64" — link-local addresses left out.
    var addresses: [String]

    var isUp: Bool { flags.contains("UP") }

    /// Parses one line of `ip -j addr` (or `ip -j link`) output.
    static func parse(_ json: String) throws -> [IPInterface] {
        let list = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]] ?? []
        return list.map { item in
            let infos = item["addr_info"] as? [[String: Any]] ?? []
            return IPInterface(
                name: item["ifname"] as? String ?? "",
                flags: item["flags"] as? [String] ?? [],
                mtu: item["mtu"] as? Int ?? 0,
                mac: item["address"] as? String ?? "",
                addresses: infos.compactMap { info in
                    guard let local = info["local"] as? String, let length = info["prefixlen"] as? Int,
                          info["scope"] as? String != "link" else { return nil }
                    return "\(local)/\(length)"
                })
        }
    }
}

/// One route of `ip -j route` output, as "default via 10.0.0.1 dev eth0".
func ipRoutes(_ json: String) throws -> [String] {
    let list = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]] ?? []
    return list.map { route in
        var text = route["dst"] as? String ?? "?"
        if let gateway = route["gateway"] as? String { text += " via \(gateway)" }
        if let device = route["dev"] as? String { text += " dev \(device)" }
        return text
    }
}

extension Outcome {
    /// The stdout lines (one `ip -j` document per line in these tests).
    var stdoutLines: [String] { stdout.split(separator: "\n").map(String.init) }
}
