import Foundation

/// What the argv fuzzer builds command lines from: each tool's real options
/// (from its --help), values of the right kind and of every wrong kind,
/// separators, odd bytes, and a COMMAND from a safe list.
struct FuzzGrammar {
    static let tools = ["xunshare", "xnsenter", "xmountapi", "xchroot", "xveth"]

    enum Kind: CaseIterable {
        case id, pid, fd, path, signal, seconds, name, propagation, setgroups, map, user, groups, caps
        case bindSpec, tmpfsSpec, overlaySpec, symlinkSpec, hostList, cgroup, cidr, ip, mtu, mac
    }

    /// An option: its long name, its short letter, and the kind of its value
    /// (required, or only attached with `=` for util-linux's optional values).
    struct Option {
        var long: String
        var short: Character?
        var value: Kind?
        var optionalValue: Kind?
    }

    static func flag(_ long: String, _ short: Character? = nil) -> Option { Option(long: long, short: short) }
    static func valued(_ long: String, _ short: Character?, _ kind: Kind) -> Option { Option(long: long, short: short, value: kind) }
    static func valued(_ long: String, _ kind: Kind) -> Option { Option(long: long, short: nil, value: kind) }
    static func optional(_ long: String, _ short: Character?, _ kind: Kind) -> Option { Option(long: long, short: short, optionalValue: kind) }
    static func optional(_ long: String, _ kind: Kind) -> Option { Option(long: long, short: nil, optionalValue: kind) }

    static let teaching = [flag("--trace"), flag("--dry-run")]
    static let namespaceFiles: [Option] = [("mount", "m"), ("uts", "u"), ("ipc", "i"), ("net", "n"), ("pid", "p"),
                                           ("user", "U"), ("cgroup", "C"), ("time", "T")].map { optional("--" + $0.0, Character($0.1), .path) }

    static let options: [String: [Option]] = [
        "xunshare": teaching + namespaceFiles + [
            flag("--fork", "f"), optional("--kill-child", .signal), flag("--init"), optional("--mount-proc", .path),
            valued("--propagation", .propagation), valued("--hostname", .name), valued("--domainname", .name),
            valued("--monotonic", .seconds), valued("--boottime", .seconds), flag("--map-root-user", "r"),
            flag("--map-current-user", "c"), valued("--map-user", .user), valued("--map-group", .user),
            valued("--map-users", .map), valued("--map-groups", .map), flag("--map-auto"), valued("--setgroups", .setgroups),
            valued("--setuid", "S", .id), valued("--setgid", "G", .id), flag("--keep-caps"), valued("--root", "R", .path),
            valued("--wd", "w", .path), flag("--boot"), valued("--stop-signal", .signal), optional("--delegate-cgroup", .name),
            optional("--console", .name),
        ],
        "xnsenter": teaching + namespaceFiles + [
            valued("--target", "t", .pid), flag("--all", "a"), valued("--net-socket", "N", .fd), valued("--setuid", "S", .id),
            valued("--setgid", "G", .id), flag("--preserve-credentials"), flag("--keep-caps"), optional("--root", "r", .path),
            optional("--wd", "w", .path), valued("--wdns", "W", .path), flag("--env", "e"), flag("--follow-context", "Z"),
            flag("--no-fork", "F"),
        ],
        "xmountapi": teaching + [
            valued("--root", .path), flag("--api"), optional("--proc", .path), optional("--sys", .path), optional("--dev", .path),
            flag("--devpts"), flag("--shm"), optional("--mqueue", .path), flag("--run"), flag("--tmp"), optional("--cgroup", .cgroup),
            valued("--bind", .bindSpec), valued("--ro-bind", .bindSpec), valued("--dev-bind", .bindSpec),
            valued("--bind-try", .bindSpec), valued("--ro-bind-try", .bindSpec), valued("--tmpfs", .tmpfsSpec),
            valued("--overlay", .overlaySpec), valued("--ro-overlay", .overlaySpec), valued("--dir", .path),
            valued("--symlink", .symlinkSpec), valued("--remount-ro", .path), valued("--read-only", .path),
            valued("--inaccessible", .path), valued("--read-write", .path), valued("--host", .hostList),
            valued("--propagation", .propagation), flag("--force"), flag("--console"), valued("--container", .name),
        ],
        "xchroot": teaching + [
            flag("--pivot-root"), flag("--switch-root"), flag("--force"), valued("--userspec", .user), valued("--groups", .groups),
            flag("--skip-chdir"), valued("--wd", .path), valued("--console", .path), flag("--no-new-privs"), flag("--drop-caps"),
            valued("--keep-caps", .caps),
        ],
        "xveth": teaching + [
            valued("--netns", .path), valued("--pid", .pid), valued("--netns-fd", .fd), valued("--host-netns-fd", .fd),
            valued("--host", .name), valued("--peer", .name), valued("--host-addr", .cidr), valued("--peer-addr", .cidr),
            valued("--peer-gateway", .ip), valued("--mtu", .mtu), valued("--mac", .mac), flag("--loopback-only"),
            valued("--delete", .name),
        ],
    ]

    /// COMMAND: what runs if the tool gets that far. Nothing else is ever run.
    static let commands = ["/bin/true", "/bin/false", "no-such-command-xns"]

    let tool: String
    let scratch: String

    /// The scratch directory's contents: a file, a directory, a FIFO, and a
    /// symlink that climbs out (`up` → ../../..).
    static func prepare(_ scratch: TemporaryDirectory) throws {
        try FileManager.default.createDirectory(atPath: scratch.file("dir"), withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: scratch.file("file"), contents: Data("x".utf8))
        mkfifo(scratch.file("fifo"), 0o644)
        try FileManager.default.createSymbolicLink(atPath: scratch.file("up"), withDestinationPath: "../../..")
    }

    func values(_ kind: Kind) -> [String] {
        switch kind {
        case .id: return ["0", "1", "1000", "65534", "-1", "4294967295", "4294967296", "abc", "1e3", " 5", "0x10"]
        case .pid: return ["1", "2", "0", "-1", "4194305", "999999", "abc", "2147483648"]
        case .fd: return ["0", "1", "2", "3", "9", "-1", "1024", "abc", "2147483648"]
        case .path: return ["/", scratch + "/file", scratch + "/dir", scratch + "/up", scratch + "/up/etc", scratch + "/fifo",
                            scratch + "/missing", scratch + "/dir/../..", "/proc/self/ns/net", "/proc/self/ns/user", "/proc/1/ns/mnt",
                            "/dev/null", "relative", "..", "/etc/passwd", "/" + String(repeating: "p", count: 300), "/tmp/../.."]
        case .signal: return ["TERM", "SIGKILL", "9", "0", "99", "-1", "FOO", "sigterm", "64"]
        case .seconds: return ["0", "5", "-5", "9223372036854775807", "-9223372036854775808", "abc", "1.5", "4611686018427387904"]
        case .name: return ["box", "eth0", "lo", "vh0", String(repeating: "h", count: 16), String(repeating: "h", count: 65),
                            "a/b", "a b", ".", "..", "a:b", "%d"]
        case .propagation: return ["private", "shared", "slave", "unchanged", "bogus"]
        case .setgroups: return ["allow", "deny", "maybe"]
        case .map: return ["0:100000:10", "1:2", "0,1,1", "auto", "0:0:4294967295", "a:b:c", "0:0:0", "4294967295:0:1"]
        case .user: return ["root", "nobody", "alice:staff", "0:0", ":", "4294967295", "no-such-user", "a:b:c", "0:", ":0"]
        case .groups: return ["0,1", "wheel", "a,,b", ",", "0,4294967295"]
        case .caps: return ["net_raw", "cap_sys_admin,net_bind_service", "bogus", ",", "all", "CAP_CHOWN"]
        case .bindSpec: return ["/usr:/usr", "/usr:/srv:idmap=/proc/self/ns/user", scratch + "/dir:/x", "/nonexistent-xns:/x", ":",
                                "a:b:c:d", "/usr", scratch + "/file:/etc/passwd", "/usr:/../x", "/usr:" + scratch + "/up/x"]
        case .tmpfsSpec: return ["/srv", "/srv:size=1m", "/tmp:mode=0700,bogus", "/up/x", "/../x", "/etc/passwd:noauto", "/tmp:size=-1", "/tmp:"]
        case .overlaySpec: return ["/usr:/tmp:/srv", "/usr:/bin:/srv", "a:b:c:d", "::", "/usr:/bin::/srv", "/usr"]
        case .symlinkSpec: return ["/etc:/x", "x", ":/y", "/etc:/", "/etc:/..", "/etc:/up/x"]
        case .hostList: return ["etc", "resolv.conf,hosts", "/usr", "bogus", ",", "etc,/nonexistent-xns"]
        case .cgroup: return ["ro", "rw", "maybe"]
        case .cidr: return ["10.77.0.1/24", "fd00::1/64", "10.0.0.300/24", "10.0.0.1", "1.2.3.4/33", "::/0", "fe80::1/64", "0.0.0.0/0"]
        case .ip: return ["10.77.0.1", "fe80::1", "abc", "10.77.0.1/24", "::"]
        case .mtu: return ["68", "1500", "65535", "67", "65536", "-1", "abc", "1279"]
        case .mac: return ["02:00:00:00:00:01", "01:00:00:00:00:01", "zz", "00:00:00:00:00:00", "02:00:00:00:00", "02-00-00-00-00-01"]
        }
    }

    /// Words no option expects: not UTF-8, control characters, empty, huge.
    static let oddWords: [[UInt8]] = [
        [0xFF], [0xC3, 0x28], [0x61, 0xFF, 0x62], Array("a\nb".utf8), [], Array("\n".utf8), Array(" ".utf8), Array("-".utf8),
        Array("--".utf8), Array("=".utf8), Array("--=".utf8), Array("-=".utf8), Array(repeating: 0x78, count: 5000),
        Array("é".utf8), Array("\t".utf8), Array("%s%n".utf8), Array("\u{1B}[31m".utf8), Array("---".utf8), Array("-\u{FF}".utf8),
    ]

    func pick<T>(_ list: [T], _ random: inout SplitMix64) -> T { list[Int.random(in: 0..<list.count, using: &random)] }
    func chance(_ percent: Int, _ random: inout SplitMix64) -> Bool { Int.random(in: 0..<100, using: &random) < percent }

    /// A value for `kind`: mostly of that kind, sometimes any other, sometimes odd bytes.
    func value(_ kind: Kind, _ random: inout SplitMix64) -> [UInt8] {
        let roll = Int.random(in: 0..<100, using: &random)
        if roll < 70 { return Array(pick(values(kind), &random).utf8) }
        if roll < 85 { return Array(pick(values(pick(Kind.allCases, &random)), &random).utf8) }
        return pick(Self.oddWords, &random)
    }

    /// One option as it may be written: long or short, the value attached
    /// (`=`, or after the short letter), separate, missing or empty.
    func option(_ random: inout SplitMix64) -> [[UInt8]] {
        let all = Self.options[tool]!
        let option = pick(all, &random)
        let long = Array(option.long.utf8)
        let short = option.short.map { Array("-\($0)".utf8) }
        let name = (short != nil && chance(40, &random)) ? short! : long
        if let kind = option.value {
            switch Int.random(in: 0..<100, using: &random) {
            case 0..<40: return [long + Array("=".utf8) + value(kind, &random)]
            case 40..<80: return [name, value(kind, &random)]
            case 80..<88 where short != nil: return [short! + value(kind, &random)]
            case 88..<94: return [name]
            default: return [long + Array("=".utf8)]
            }
        }
        if let kind = option.optionalValue {
            switch Int.random(in: 0..<100, using: &random) {
            case 0..<45: return [name]
            case 45..<85: return [long + Array("=".utf8) + value(kind, &random)]
            case 85..<92: return [long + Array("=".utf8)]
            default: return [name + Array("=".utf8) + value(kind, &random)]
            }
        }
        if chance(10, &random) { return [long + Array("=".utf8) + value(.name, &random)] }
        let letters = all.compactMap(\.short)
        if !letters.isEmpty, chance(15, &random) {
            // Short flags combined: -mupf.
            let count = Int.random(in: 2...4, using: &random)
            return [Array(("-" + String((0..<count).map { _ in pick(letters, &random) }))[...].utf8)]
        }
        return [name]
    }

    /// A whole command line (without the tool's own name).
    func argv(_ random: inout SplitMix64) -> [[UInt8]] {
        var words: [[UInt8]] = []
        for _ in 0..<Int.random(in: 0...6, using: &random) {
            switch Int.random(in: 0..<100, using: &random) {
            case 0..<75: words += option(&random)
            case 75..<83: words.append(value(pick(Kind.allCases, &random), &random))
            case 83..<91: words.append(pick(Self.oddWords, &random))
            case 91..<96: words.append(Array("--".utf8))
            case 96..<98: words.append(Array(pick(["-h", "--help", "--version", "--generate-completion-script"], &random).utf8))
            default: words.append(Array("--bogus-xns".utf8))
            }
        }
        if tool == "xchroot", chance(85, &random) {
            if chance(20, &random) { words.append(Array("--".utf8)) }
            words.append(Array(pick(["/", scratch + "/dir", scratch + "/missing", scratch + "/file", scratch + "/up", "relative"], &random).utf8))
        }
        if chance(85, &random) {
            if chance(25, &random) { words.append(Array("--".utf8)) }
            words.append(Array(pick(Self.commands, &random).utf8))
            for _ in 0..<Int.random(in: 0...2, using: &random) {
                words.append(chance(50, &random) ? pick(Self.oddWords, &random) : value(pick(Kind.allCases, &random), &random))
            }
        }
        return safe(words)
    }

    /// Never a --switch-root with --force: its last step empties the old
    /// root's file system, which a mount namespace does not protect (the
    /// read-only root is the second guard).
    func safe(_ words: [[UInt8]]) -> [[UInt8]] {
        guard tool == "xchroot", words.contains(Array("--switch-root".utf8)) else { return words }
        return words.filter { $0 != Array("--force".utf8) }
    }
}
