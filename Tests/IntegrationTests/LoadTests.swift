import Foundation
import Testing

/// Many full sandboxes at once (issue 9, load): each chain makes its own
/// mount, pid, net, UTS and IPC namespaces, wires its net namespace with a
/// veth pair of its own name and subnet, mounts /proc, /sys, /dev and /tmp
/// into a busybox root shared by all, pivots into it and pings the host end
/// once (one packet: the link must be running when COMMAND starts, see
/// xveth). The same number of rootless ones run beside them, as nobody in
/// user namespaces, with only a loopback to ping. Every chain must succeed
/// in a namespace of its own, and nothing may be left afterwards: no host
/// link, no mount, no process, no namespace file.
///
/// XNS_LOAD_CHAINS sets the number of chains; by default 20, and 200 in a
/// stress run (XNS_FUZZ_CASES above the default, as `make stress` sets it).
/// All of it runs in a scratch network namespace (see inScratchNetwork).
@Suite(.enabled(if: isRoot, "the chains make namespaces and veth pairs"))
struct LoadTests {
    static let chains: Int = {
        let env = ProcessInfo.processInfo.environment
        if let count = env["XNS_LOAD_CHAINS"].flatMap({ Int($0) }), count > 0 { return count }
        return (env["XNS_FUZZ_CASES"].flatMap { Int($0) } ?? 0) > ArgvFuzzTests.defaultCasesPerTool ? 200 : 20
    }()

    /// Runs the chains, all started at once: `chain` is the body of a shell
    /// function run with $i (the chain's number) and $a (its host end's
    /// address), whose COMMAND prints its net namespace, waits at the gate
    /// (`gate`) and then prints "ok" — only if it has the token the leftover
    /// scan looks for. Prints `key value`
    /// lines: the time, failures, distinct namespaces, and what is left
    /// (links, mounts, files in /run/netns), and up to five failing chains.
    static func script(chain: String) -> String {
        #"""
        set -u
        D=$(mktemp -d); trap 'rm -rf "$D"' EXIT
        ip link set lo up
        cat /proc/self/mountinfo > "$D/mounts-before"
        mkdir -m 1777 "$R/xload-gate"; trap 'rm -rf "$D" "$R/xload-gate"' EXIT
        chain() {
        \#(chain)
        }
        start=$(date +%s%N)
        i=0
        while [ $i -lt "$N" ]; do
            a=10.$((200 + i / 256)).$((i % 256)).1
            ( chain > "$D/out.$i" 2> "$D/err.$i"; echo $? > "$D/status.$i" ) &
            i=$((i + 1))
        done
        wait
        end=$(date +%s%N)
        echo "seconds $(( (end - start) / 1000000000 )).$(( (end - start) / 10000000 % 100 ))"
        failures=0 i=0
        while [ $i -lt "$N" ]; do
            if [ "$(cat "$D/status.$i")" != 0 ] || [ "$(sed -n 2p "$D/out.$i")" != ok ]; then
                failures=$((failures + 1))
                [ $failures -le 5 ] && echo "failed chain $i: status $(cat "$D/status.$i"): $(tr '\n' ' ' < "$D/out.$i") $(tr '\n' ' ' < "$D/err.$i")"
            fi
            i=$((i + 1))
        done
        echo "failures $failures"
        echo "namespaces $(cat "$D"/out.* | grep '^net:' | sort -u | wc -l)"
        # A host end goes when its namespace is freed, which the kernel does
        # a little later: wait up to 30 s for the last one.
        t=0; while ip -o link show | grep -q ' xload' && [ $t -lt 300 ]; do sleep 0.1; t=$((t + 1)); done
        echo "links $(ip -o link show | grep -c ' xload')"
        echo "mounts $(grep -cvxFf "$D/mounts-before" /proc/self/mountinfo)"   # appeared or changed (a copy of another test's mount may be gone)
        echo "netns-files $(ls -A /run/netns | wc -l)"
        """#
    }

    /// What a chain's COMMAND does after printing its net namespace: it
    /// waits (up to 30 s) until every chain has printed its own. The kernel
    /// reuses the inode number of a freed namespace, so chains that do not
    /// overlap could show the same number for namespaces of their own. The
    /// gate is a directory of the root they share, one file per chain.
    static let gate = #"touch /xload-gate/$i; t=0; while [ \$(ls /xload-gate | wc -l) -lt $N ] && [ \$t -lt 600 ]; do sleep 0.05; t=\$((t + 1)); done"#

    /// Full sandboxes as root: each pair named xloadN, in 10.200.0.0/16 and
    /// up; eth0 must be running (operstate up) when COMMAND starts, and its
    /// one ping must come back.
    static let fullChain = #"""
        timeout 120 "$XU" --mount --pid --fork --net --uts --ipc --             "$XVETH" --host-netns-fd=3 --host="xload$i" --host-addr=$a/24 --peer-addr=${a%.1}.2/24 --peer-gateway=$a --             "$XM" --root "$R" --proc --sys --dev --tmp --             "$XC" --pivot-root "$R" /bin/sh -c "readlink /proc/self/ns/net; \#(gate); s=\$(cat /sys/class/net/eth0/operstate); [ \$s = up ] || echo eth0 was \$s
                [ -n "\$XNS_LOAD_TOKEN" ] && ping -c 1 -W 20 $a >/dev/null && echo ok" 3</proc/self/ns/net
        """#

    /// Rootless sandboxes: as nobody, root only in a user namespace of its
    /// own, with no veth (only the loopback, pinged once), through an init.
    static let rootlessChain = #"""
        timeout 120 setpriv --reuid=65534 --regid=65534 --clear-groups --             "$XU" --user --map-root-user --mount --pid --fork --init --net --uts --ipc -- "$XVETH" --loopback-only --             "$XM" --root "$R" --proc --dev --tmp --             "$XC" --pivot-root "$R" /bin/sh -c "readlink /proc/self/ns/net; \#(gate); [ -n "\$XNS_LOAD_TOKEN" ] && ping -c 1 -W 20 127.0.0.1 >/dev/null && echo ok"
        """#

    /// Runs `script(chain:)` in a scratch network, then looks for the
    /// chains' processes; prints the figures and checks that all succeeded
    /// in namespaces of their own and that nothing is left.
    func runChains(_ name: String, _ chain: String) throws {
        let root = try BusyboxRoot()
        let token = UUID().uuidString
        let result = try run(inScratchNetwork(Self.script(chain: chain)), environment: environment([
            "N": String(Self.chains), "R": root.path, "XU": Package.xunshare, "XM": Package.xmountapi, "XC": Package.xchroot,
            "XNS_LOAD_TOKEN": token]))
        var figures: [String: String] = [:]
        for line in result.stdoutLines {
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            if parts.count == 2 { figures[parts[0]] = parts[1] }
        }
        // Every process of a chain carries the token; none may be left.
        let left = leftBehind(carrying: "XNS_LOAD_TOKEN=\(token)", seconds: 10)
        print("load (\(name)): \(Self.chains) chains, \(figures["seconds"] ?? "?") s, failures \(figures["failures"] ?? "?"), "
              + "leftovers: links \(figures["links"] ?? "?"), mounts \(figures["mounts"] ?? "?"), processes \(left.count), "
              + "namespace files \(figures["netns-files"] ?? "?"); \(figures["namespaces"] ?? "?") distinct net namespaces")
        #expect(result.status == 0, "\(result)")
        #expect(figures["failures"] == "0", "\(result)")
        #expect(figures["namespaces"] == String(Self.chains), "each chain in a net namespace of its own: \(result)")
        #expect(figures["links"] == "0", "\(result)")
        #expect(figures["mounts"] == "0", "\(result)")
        #expect(figures["netns-files"] == "0", "\(result)")
        #expect(left.isEmpty, "processes left: \(left)")
    }

    @Test func manyFullSandboxesAtOnce() throws {
        try runChains("full, root", Self.fullChain)
    }

    @Test func manyRootlessSandboxesAtOnce() throws {
        try runChains("rootless", Self.rootlessChain)
    }
}
