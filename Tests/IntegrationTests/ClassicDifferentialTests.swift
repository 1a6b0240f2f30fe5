import Foundation
import Testing

/// The classic-name personalities of the multicall binary against the real
/// tools they imitate (util-linux 2.38.1 unshare, nsenter, switch_root,
/// pivot_root; GNU coreutils 9.1 chroot): every row of the table is one
/// command line, run once through the xns link and once through the real
/// binary, each with argv[0] the bare name (bash's `exec -a`, so getopt's
/// messages name the program alike and nothing needs normalising but the
/// scratch paths), each in throwaway namespaces (`ContainedRun`: new mount,
/// net and pid namespaces, and a check that nothing is left behind; rows
/// that need host PIDs run in a private mount namespace only). The two must
/// end alike — exit status, stdout, stderr and what was left behind — except
/// in rows that name, with `why`, where xns follows a newer util-linux or
/// differs on purpose; those are held to an `expected` outcome instead.
@Suite(.enabled(if: isRoot, "the differential table runs the real tools as root"), .serialized)
struct ClassicDifferentialTests {
    /// How a row is run.
    enum Mode: Sendable {
        /// In a ContainedRun, as root.
        case contained
        /// In a ContainedRun, as the unprivileged user nobody (setpriv).
        case nobody
        /// In a private mount namespace of the host's pid namespace, for rows
        /// that enter the background target (@TARGET).
        case host
    }

    /// What a row must end with when it is not the real tool's outcome.
    enum Expected: Sendable {
        /// Exactly this status, stdout and stderr.
        case outcome(Int32, String, String)
        /// xns's own --help: status 0, nothing on stderr, stdout starting with "\nUsage:\n".
        case help
        /// xns's own --version: status 0, nothing on stderr, one line on
        /// stdout starting with the prefix.
        case version(String)
    }

    struct Row: Sendable, CustomStringConvertible {
        var line: String
        var setup = ""
        var after = ""
        var mode = Mode.contained
        var expected: Expected? = nil
        var why: String? = nil
        var description: String { (setup.isEmpty ? "" : "[\(setup)] ") + line + (after.isEmpty ? "" : " [then \(after)]") }
        var words: [String] { Self.split(line) }
        var name: String { words[0] }

        /// Shell words: blanks separate, '…' and "…" quote (a backslash in
        /// "…" or outside quotes escapes the next character).
        static func split(_ line: String) -> [String] {
            var words: [String] = []
            var word = ""
            var inWord = false
            var quote: Character? = nil
            var escape = false
            for c in line {
                if escape { word.append(c); escape = false; continue }
                if let q = quote {
                    if c == q { quote = nil } else if c == "\\" && q == "\"" { escape = true } else { word.append(c) }
                    continue
                }
                switch c {
                case " ", "\t":
                    if inWord { words.append(word); word = ""; inWord = false }
                case "'", "\"": quote = c; inWord = true
                case "\\": escape = true; inWord = true
                default: word.append(c); inWord = true
                }
            }
            if inWord { words.append(word) }
            return words
        }
    }

    /// Status, stdout, stderr and (ContainedRun) what was left behind, with
    /// the scratch paths and PIDs of the run as placeholders.
    struct Result: Equatable, CustomStringConvertible {
        var status: Int32
        var stdout: String
        var stderr: String
        var leftBehind: [String] = []
        var description: String {
            "status \(status), stdout \(stdout.debugDescription), stderr \(stderr.debugDescription)"
                + (leftBehind.isEmpty ? "" : ", left behind \(leftBehind)")
        }
    }

    // MARK: - The table

    static let rows: [Row] = unshareRows + unshareRootlessRows + nsenterRows + nsenterTargetRows + chrootRows + switchRootRows + pivotRootRows

    static let unshareRows: [Row] = [
        // getopt_long diagnostics
        Row(line: "unshare --foo"),
        Row(line: "unshare --foo=bar true"),
        Row(line: "unshare -x"),
        Row(line: "unshare -fx true"),
        Row(line: "unshare -R"),
        Row(line: "unshare --root"),
        Row(line: "unshare --ro"),
        Row(line: "unshare -w"),
        Row(line: "unshare -S"),
        Row(line: "unshare --fork=1 true"),
        Row(line: "unshare --map"),
        Row(line: "unshare --mo true"),
        Row(line: "unshare --map-user"),
        Row(line: "unshare --map-user=0 id -u"),
        Row(line: "unshare --map-u=0 id -u"),
        Row(line: "unshare -m=/x true"),
        Row(line: "unshare --propagation"),
        Row(line: "unshare --setgroups"),
        Row(line: "unshare --fo", expected: .outcome(1, "", "unshare: option '--fo' is ambiguous; possibilities: '--fork' '--forward-signals'\nTry 'unshare --help' for more information.\n"),
            why: "--forward-signals (util-linux 2.42) makes --fo ambiguous; 2.38.1 takes it as --fork"),
        Row(line: "unshare --c true", expected: .outcome(1, "", "unshare: option '--c' is ambiguous; possibilities: '--cgroup' '--clear-env'\nTry 'unshare --help' for more information.\n"),
            why: "--clear-env (util-linux master after 2.42) makes --c ambiguous; 2.38.1 takes it as --cgroup"),
        Row(line: "unshare --w /tmp pwd", expected: .outcome(1, "", "unshare: option '--w' is ambiguous; possibilities: '--wd' '--whitelist-env'\nTry 'unshare --help' for more information.\n"),
            why: "--whitelist-env (util-linux master after 2.42) makes --w ambiguous; 2.38.1 takes it as --wd"),
        // --help / --version where they stand
        Row(line: "unshare --help", expected: .help, why: "--help text is xns's own"),
        Row(line: "unshare -h true", expected: .help, why: "--help text is xns's own"),
        Row(line: "unshare --help --foo", expected: .help, why: "--help text is xns's own"),
        Row(line: "unshare --foo --help"),
        Row(line: "unshare -x -h"),
        Row(line: "unshare --version", expected: .version("unshare from util-linux "), why: "--version text differs (xns names itself)"),
        Row(line: "unshare --vers", expected: .version("unshare from util-linux "), why: "--version text differs (xns names itself)"),
        Row(line: "unshare --version --help", expected: .version("unshare from util-linux "), why: "--version text differs (xns names itself)"),
        Row(line: "unshare --help --version", expected: .help, why: "--help text is xns's own"),
        Row(line: "unshare -hV", expected: .help, why: "--help text is xns's own"),
        Row(line: "unshare true --help"),
        // operands and --
        Row(line: "unshare -- --help"),
        Row(line: "unshare -- -m true"),
        Row(line: "unshare -- true"),
        Row(line: "unshare", setup: "export SHELL=/bin/true"),
        Row(line: "unshare", setup: "export SHELL="),
        Row(line: "unshare", setup: "unset SHELL"),
        Row(line: "unshare -f", setup: "export SHELL=/bin/false"),
        // exec failures
        Row(line: "unshare /nonexistent"),
        Row(line: "unshare no-such-command-xyz"),
        Row(line: "unshare /etc/passwd"),
        Row(line: "unshare @TMP/root"),
        Row(line: "unshare -f /nonexistent"),
        // bad values
        Row(line: "unshare -S abc true"),
        Row(line: "unshare -S '' true"),
        Row(line: "unshare -S 12x true"),
        Row(line: "unshare -S 99999999999999999999 true"),
        Row(line: "unshare -G abc true"),
        Row(line: "unshare -G -1 true"),
        Row(line: "unshare -S -1 true"),
        Row(line: "unshare --map-user=nosuchuser true"),
        Row(line: "unshare --map-group=x true"),
        Row(line: "unshare --map-user=nobody cat /proc/self/uid_map"),
        Row(line: "unshare --propagation bogus true"),
        Row(line: "unshare --propagation=private true"),
        Row(line: "unshare --setgroups maybe true"),
        Row(line: "unshare -U --setgroups allow -r true"),
        Row(line: "unshare --setgroups=allow --map-group=0 true"),
        Row(line: "unshare --kill-child=15 true"),
        Row(line: "unshare --kill-child=FOO true"),
        Row(line: "unshare --kill-child TERM"),
        Row(line: "unshare --monotonic 10 true",
            expected: .outcome(1, "", "unshare: options --monotonic and --boottime require unsharing of a time namespace (-T)\n"),
            why: "util-linux 2.40 fixed the option letter in this message (2.38.1 says -t, which is --help's option, not --time's)"),
        Row(line: "unshare -T --monotonic abc true"),
        Row(line: "unshare -R /nonexistent true"),
        Row(line: "unshare -R @TMP/root/file true"),
        Row(line: "unshare -w /nonexistent true"),
        Row(line: "unshare --mount-proc=/nonexistent true"),
        Row(line: "unshare --mount=/nonexistent/x true"),
        // successful runs printing facts
        Row(line: "unshare true"),
        Row(line: #"unshare -m -u -i -n -p -f --mount-proc sh -c 'echo $$; cat /proc/1/comm; for n in mnt uts ipc net pid; do [ "$(readlink /proc/self/ns/$n)" != "$(eval echo \$H_$n)" ] && echo new-$n; done; ip -o link | cut -d" " -f2'"#,
            setup: "for n in mnt uts ipc net pid; do export H_$n=$(readlink /proc/self/ns/$n); done"),
        Row(line: #"unshare -p sh -c '[ $$ != 1 ] && echo not-one'"#),
        Row(line: #"unshare -fp --mount-proc sh -c 'echo $$'"#),
        Row(line: "unshare -r id -u"),
        Row(line: "unshare -r cat /proc/self/uid_map /proc/self/gid_map /proc/self/setgroups"),
        Row(line: "unshare -U --map-user=0 cat /proc/self/uid_map"),
        Row(line: "unshare -U --map-user=0 --map-group=0 id"),
        Row(line: "unshare -U cat /proc/self/setgroups"),
        Row(line: "unshare -U --setgroups deny cat /proc/self/setgroups"),
        Row(line: "unshare -c id -u"),
        Row(line: "unshare --map-users=0,0,1 --map-groups=0,0,1 cat /proc/self/uid_map"),
        Row(line: "unshare --map-users=0:0:1 --map-groups=0:0:1 cat /proc/self/uid_map",
            expected: .outcome(0, "         0          0          1\n", ""),
            why: "inner:outer:count mappings are util-linux 2.39's syntax; 2.38.1 takes only outer,inner,count"),
        Row(line: "unshare -S 1000 -G 1000 id"),
        Row(line: "unshare -S 1000 id"),
        Row(line: "unshare -G 1000 id"),
        Row(line: "unshare --setuid=65534 --setgid=65534 id -u"),
        Row(line: "unshare --kill-child=TERM -p -f true"),
        Row(line: #"unshare --kill-child=term -p sh -c 'echo $$'"#),
        Row(line: "unshare --kill-child=SIGRTMIN+1 true"),
        Row(line: "unshare --kill-child true"),
        Row(line: "unshare -f sh -c 'exit 3'"),
        Row(line: "unshare -f sh -c 'kill -TERM $$'"),
        Row(line: "unshare -f sh -c 'kill -INT $$'"),
        // The harness's bash reports the death.
        Row(line: "unshare -f sh -c 'kill -KILL $$'", expected: .outcome(137, "", "bash: line 8:    19 Killed                  \"${args[@]}\" < /dev/null\n"),
            why: "a child killed by SIGKILL is re-raised, as util-linux does since 2.40 (2.38.1 fails: sigprocmask unblock failed, status 1)"),
        Row(line: "unshare -n ip -o link"),
        Row(line: "unshare -u sh -c 'hostname inner; hostname'"),
        Row(line: "unshare -T -f --monotonic 100 --boottime 200 cat /proc/self/timens_offsets"),
        Row(line: "unshare -m --propagation shared findmnt -n -o PROPAGATION /"),
        Row(line: "unshare -m --propagation unchanged findmnt -n -o PROPAGATION /"),
        Row(line: "unshare -m findmnt -n -o PROPAGATION /"),
        Row(line: "unshare --uts=@TMP/root/file true", after: "findmnt -n -o FSTYPE @TMP/root/file; umount @TMP/root/file"),
        Row(line: "unshare -R @BB /bin/busybox id -u"),
        Row(line: "unshare -R @BB -w /etc cat marker"),
        Row(line: "unshare -w /tmp pwd"),
        Row(line: "unshare --forward-signals -p sh -c 'echo $$'", expected: .outcome(0, "1\n", ""),
            why: "--forward-signals is util-linux 2.42's (implies --fork); 2.38.1 rejects it"),
        Row(line: "unshare --clear-env /usr/bin/env", expected: .outcome(0, "", ""),
            why: "--clear-env is util-linux master's (after 2.42); 2.38.1 rejects it"),
        Row(line: "unshare --whitelist-env=XNS_KEEP /usr/bin/env", setup: "export XNS_KEEP=yes", expected: .outcome(0, "XNS_KEEP=yes\n", ""),
            why: "--whitelist-env is util-linux master's (after 2.42); 2.38.1 rejects it"),
    ]

    static let unshareRootlessRows: [Row] = [
        Row(line: "unshare -r id -u", mode: .nobody),
        Row(line: "unshare -r cat /proc/self/uid_map", mode: .nobody),
        Row(line: "unshare -c id -u", mode: .nobody),
        Row(line: "unshare -U -m true", mode: .nobody),
        Row(line: "unshare -m true", mode: .nobody),
        Row(line: "unshare -n true", mode: .nobody),
        Row(line: "unshare -r -m --mount-proc true", mode: .nobody),
        Row(line: "unshare -S 0 true", mode: .nobody),
        Row(line: "nsenter -t 1 -m true", mode: .nobody),
        Row(line: "chroot / true", mode: .nobody),
        Row(line: "chroot --userspec=0:0 / true", mode: .nobody),
    ]

    static let nsenterRows: [Row] = [
        Row(line: "nsenter --foo"),
        Row(line: "nsenter -x"),
        Row(line: "nsenter -t"),
        Row(line: "nsenter --target"),
        Row(line: "nsenter --ta"),
        Row(line: "nsenter -S"),
        Row(line: "nsenter --n true", expected: .outcome(1, "", "nsenter: option '--n' is ambiguous; possibilities: '--net' '--net-socket' '--no-fork'\nTry 'nsenter --help' for more information.\n"),
            why: "--net-socket (util-linux 2.41) is one more candidate for --n"),
        Row(line: "nsenter --p true"),
        Row(line: "nsenter --w true"),
        Row(line: "nsenter -W"),
        Row(line: "nsenter --wdns"),
        Row(line: "nsenter --no-fork=1 true"),
        Row(line: "nsenter --help --foo", expected: .help, why: "--help text is xns's own"),
        Row(line: "nsenter --foo --help"),
        Row(line: "nsenter -V", expected: .version("nsenter from util-linux "), why: "--version text differs (xns names itself)"),
        Row(line: "nsenter -t abc true"),
        Row(line: "nsenter -t '' true"),
        Row(line: "nsenter -t 99999999999 true"),
        Row(line: "nsenter -S abc true"),
        Row(line: "nsenter -G 12x true"),
        Row(line: "nsenter -m true"),
        Row(line: "nsenter -n -u true"),
        Row(line: "nsenter -U -p true"),
        Row(line: "nsenter -a true"),
        Row(line: "nsenter -r true"),
        Row(line: "nsenter -w true"),
        Row(line: "nsenter true"),
        Row(line: "nsenter", setup: "export SHELL=/bin/true"),
        Row(line: "nsenter -- --help"),
        Row(line: "nsenter /etc/passwd"),
        Row(line: "nsenter /nonexistent"),
        Row(line: "nsenter --mount=/etc/passwd true"),
        Row(line: "nsenter --mount=/nonexistent true"),
        Row(line: "nsenter -m/nonexistent true"),
        Row(line: "nsenter -m=/proc/self/ns/mnt true"),
        Row(line: "nsenter --net=/run/netns/b ip -o link"),
        Row(line: "nsenter --net=/run/netns/b -F sh -c 'ip -o link | wc -l'"),
        Row(line: "nsenter --uts=/proc/@SELF/ns/uts hostname"),
        Row(line: "nsenter -t 999999 -m true"),
        Row(line: "nsenter -t @DEAD -u true"),
        Row(line: "nsenter -t @SELF -U true"),
        Row(line: "nsenter -t @SELF -a true"),
        Row(line: "nsenter -t @SELF -m -u -i -n -p sh -c 'exit 3'"),
        Row(line: "nsenter -t @SELF -S 1000 -G 1000 id"),
        Row(line: "nsenter -t @SELF -m -W /nonexistent true"),
        Row(line: "nsenter -t @SELF -m -W /tmp pwd"),
        Row(line: "nsenter -t @SELF -r/nonexistent true"),
        Row(line: "nsenter -t @SELF -w/tmp pwd"),
        Row(line: "nsenter -t @SELF --wd=/tmp --wdns=/tmp true"),
        Row(line: "nsenter --keep-caps true", expected: .outcome(0, "", ""),
            why: "--keep-caps is util-linux 2.40's; 2.38.1 rejects it"),
        Row(line: "nsenter -t @SELF -e true", expected: .outcome(0, "", ""),
            why: "-e/--env is util-linux 2.39's; 2.38.1 rejects it"),
        Row(line: "nsenter -N", expected: .outcome(1, "", "nsenter: option requires an argument -- 'N'\nTry 'nsenter --help' for more information.\n"),
            why: "-N/--net-socket is util-linux 2.41's; 2.38.1 rejects it as an invalid option"),
    ]

    /// Against a target the real unshare started: `unshare -u -i -n sh -c 'hostname box; exec sleep 30'`.
    static let nsenterTargetRows: [Row] = [
        Row(line: "nsenter -t @TARGET -u hostname", mode: .host),
        Row(line: "nsenter --target=@TARGET --uts hostname", mode: .host),
        Row(line: "nsenter --target @TARGET -u -F hostname", mode: .host),
        Row(line: "nsenter -t @TARGET -n ip -o link", mode: .host),
        Row(line: "nsenter -t @TARGET -a hostname", mode: .host),
        Row(line: "nsenter --uts=/proc/@TARGET/ns/uts hostname", mode: .host),
        Row(line: #"nsenter -t @TARGET -i -u sh -c '[ "$(readlink /proc/self/ns/ipc)" = "$(readlink /proc/@TARGET/ns/ipc)" ] && echo same-ipc; hostname'"#, mode: .host),
        Row(line: "nsenter -t @TARGET -U hostname", mode: .host),
    ]

    static let chrootRows: [Row] = [
        Row(line: "chroot"),
        Row(line: "chroot --foo"),
        Row(line: "chroot -x /"),
        Row(line: "chroot --userspec"),
        Row(line: "chroot --u"),
        Row(line: "chroot --groups"),
        Row(line: "chroot --skip-chdir=1 /"),
        Row(line: "chroot --user=nobody / id -u"),
        Row(line: "chroot --userspec nobody / id -u"),
        Row(line: "chroot --help", expected: .help, why: "--help text is xns's own"),
        Row(line: "chroot --he", expected: .help, why: "--help text is xns's own"),
        Row(line: "chroot --help --foo", expected: .help, why: "--help text is xns's own"),
        Row(line: "chroot --foo --help"),
        Row(line: "chroot --version", expected: .version("chroot "), why: "--version text differs (xns names itself)"),
        Row(line: "chroot / --help"),
        Row(line: "chroot -- / true"),
        Row(line: "chroot -- --help"),
        Row(line: "chroot /nonexistent true"),
        Row(line: "chroot @TMP/root/file true"),
        Row(line: "chroot '/non exist' true"),
        Row(line: "chroot / /nonexistent"),
        Row(line: "chroot / /etc/passwd"),
        Row(line: "chroot / sh -c 'exit 7'"),
        Row(line: "chroot --skip-chdir @TMP/root true"),
        Row(line: "chroot --skip-chdir / pwd", setup: "cd /tmp"),
        Row(line: "chroot --skip-chdir /tmp/.. pwd", setup: "cd /tmp"),
        Row(line: "chroot / pwd", setup: "cd /tmp"),
        Row(line: "chroot --userspec=a:b:c / true"),
        Row(line: "chroot --userspec=-1 / true"),
        Row(line: "chroot --userspec=:nosuch / true"),
        Row(line: "chroot --userspec=nosuchuser / true"),
        Row(line: "chroot --userspec=12345 / true"),
        Row(line: "chroot --userspec=12345: / true"),
        Row(line: "chroot --userspec=12345:0 / id"),
        Row(line: "chroot --userspec=nobody:nogroup / id"),
        Row(line: "chroot --userspec=nobody / id"),
        Row(line: "chroot --userspec=nobody: / id"),
        Row(line: "chroot --userspec=nobody.nogroup / id"),
        Row(line: "chroot --userspec= / id -u"),
        Row(line: "chroot --userspec=: / id -u"),
        Row(line: "chroot --groups=1,2 --userspec=0:0 / id"),
        Row(line: "chroot --groups=0 --userspec=nobody / id"),
        Row(line: "chroot --groups=nosuch / true"),
        Row(line: "chroot --groups=, / true"),
        Row(line: "chroot --groups= / id"),
        Row(line: "chroot @BB /bin/busybox id"),
        Row(line: "chroot @BB id -u"),
        Row(line: "chroot @BB cat /etc/marker"),
        Row(line: "chroot --userspec=alice @BB id"),
        Row(line: "chroot --userspec=1000:50 @BB id"),
        Row(line: "chroot @BB /nonexistent"),
        Row(line: "chroot @BB", setup: "export SHELL=/bin/true"),
        Row(line: "chroot /", setup: "export SHELL="),
    ]

    static let switchRootRows: [Row] = [
        Row(line: "switch_root"),
        Row(line: "switch_root /x"),
        Row(line: "switch_root --foo"),
        Row(line: "switch_root --foo a b"),
        Row(line: "switch_root -x a b"),
        Row(line: "switch_root -V", expected: .version("switch_root from util-linux "), why: "--version text differs (xns names itself)"),
        Row(line: "switch_root --vers", expected: .version("switch_root from util-linux "), why: "--version text differs (xns names itself)"),
        Row(line: "switch_root --help a b", expected: .help, why: "--help text is xns's own"),
        Row(line: "switch_root -- /nonexistent /sbin/init"),
        Row(line: "switch_root /nonexistent /sbin/init"),
        Row(line: "switch_root '' /sbin/init"),
        Row(line: "switch_root / ''"),
        Row(line: "switch_root @TMP/root /sbin/init"),
        Row(line: "switch_root @TMP/root/tmp /nonexistent-init", setup: newRoot,
            expected: .outcome(127, "", "switch_root: cannot access /nonexistent-init: No such file or directory\nswitch_root: failed to execute /nonexistent-init: No such file or directory\n"),
            why: "switch_root with a missing init refuses before moving anything (util-linux moves /dev, /proc, … first); same lines and status"),
        Row(line: "switch_root @TMP/root/tmp /bin/sh -c 'sleep 0.3; cat /etc/marker; ls -d /bin/busybox'", setup: newRoot),
        Row(line: "switch_root @TMP/root/tmp /bin/sh -c 'sleep 0.3; exit 5'", setup: newRoot),
    ]

    /// A tmpfs mount point holding a copy of the busybox root, on the
    /// scratch root's tmp/ (in the row's own private mount namespace, so the
    /// ContainedRun sees nothing change).
    static let newRoot = "mount -t tmpfs nr @TMP/root/tmp && cp -a @BB/. @TMP/root/tmp/ || exit 99"
    static let pivotRoot = "mount -t tmpfs nr @TMP/root/tmp && mkdir @TMP/root/tmp/old && cd @TMP/root/tmp || exit 99"

    static let pivotRootRows: [Row] = [
        Row(line: "pivot_root"),
        Row(line: "pivot_root a"),
        Row(line: "pivot_root a b c"),
        Row(line: "pivot_root -- a b"),
        Row(line: "pivot_root --foo a b"),
        Row(line: "pivot_root -x"),
        Row(line: "pivot_root /nonexistent /x"),
        Row(line: "pivot_root @TMP/root @TMP/root"),
        Row(line: "pivot_root @TMP/root/tmp @TMP/nonexistent", setup: pivotRoot),
        Row(line: "pivot_root -V", expected: .version("pivot_root from util-linux "), why: "--version text differs (xns names itself)"),
        Row(line: "pivot_root a b -V", expected: .version("pivot_root from util-linux "), why: "--version text differs (xns names itself)"),
        Row(line: "pivot_root --help", expected: .help, why: "--help text is xns's own"),
        Row(line: "pivot_root . old", setup: pivotRoot, after: "[ -d /old/etc ] && [ ! -d /etc ] && echo pivoted"),
        Row(line: "pivot_root @TMP/root/tmp @TMP/root/tmp/old", setup: pivotRoot, after: "[ -d /old/etc ] && [ ! -d /etc ] && echo pivoted"),
    ]

    // MARK: - Running

    @Test func classicNamesEndAsTheRealToolsDo() throws {
        let rows = Self.rows
        #expect(rows.count >= 110)
        let busybox = try BusyboxRoot()
        // The target of the nsenter rows, started with the real unshare; killed
        // (with everything it started) when `target` goes away.
        let target = try Background(["/usr/bin/unshare", "-u", "-i", "-n", "sh", "-c", "hostname box; exec sleep 60"])
        let targetPID = try target.target(running: "sleep")
        defer { withExtendedLifetime(target) {} }
        // switch_root empties an old root on tmpfs or ramfs: never let the real one near such a root.
        let rootType = try run(["stat", "-f", "-c", "%T", "/"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let rootIsInitramfs = rootType == "tmpfs" || rootType == "ramfs"

        var identical = 0, deliberate = 0, skipped = 0
        var failing: [String] = []
        var all: [String] = []
        for row in rows {
            if row.name == "switch_root" && rootIsInitramfs { skipped += 1; continue }
            let xns = try Self.runRow(row, Package.classic(row.name), busybox: busybox.path, target: targetPID)
            all.append("\(row)\n  xns: \(xns)")
            if row.why != nil && row.expected != nil {
                let problem = Self.check(xns, against: row.expected!)
                if let problem {
                    failing.append("\(row)\n  expected (\(row.why!)): \(problem)\n  xns:  \(xns)")
                } else {
                    deliberate += 1
                }
                continue
            }
            let real = try Self.runRow(row, Package.realTool(row.name), busybox: busybox.path, target: targetPID)
            if xns == real {
                if row.why != nil { deliberate += 1 } else { identical += 1 }
            } else {
                failing.append("\(row)\n  real: \(real)\n  xns:  \(xns)")
            }
        }
        let report = "classic differential: \(rows.count) rows, \(identical) identical, \(deliberate) deliberate, "
            + "\(failing.count) differ\(skipped > 0 ? ", \(skipped) skipped (/ is an initramfs)" : "")"
        print(report)
        if let file = ProcessInfo.processInfo.environment["XNS_CLASSIC_DIFF_REPORT"] {
            try ([report] + failing).joined(separator: "\n\n").write(toFile: file, atomically: true, encoding: .utf8)
        }
        if let file = ProcessInfo.processInfo.environment["XNS_CLASSIC_DIFF_ALL"] {
            try all.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        }
        for failure in failing { Issue.record(Comment(rawValue: failure)) }
    }

    /// What is wrong with `result` for `expected`, or nil.
    static func check(_ result: Result, against expected: Expected) -> String? {
        switch expected {
        case .outcome(let status, let stdout, let stderr):
            let wanted = Result(status: status, stdout: stdout, stderr: stderr)
            return result == wanted ? nil : wanted.description
        case .help:
            let ok = result.status == 0 && result.stderr.isEmpty && result.stdout.hasPrefix("\nUsage:\n") && result.leftBehind.isEmpty
            return ok ? nil : "status 0, stdout starting with \"\\nUsage:\\n\", nothing on stderr"
        case .version(let prefix):
            let ok = result.status == 0 && result.stderr.isEmpty && result.stdout.hasPrefix(prefix)
                && result.stdout.hasSuffix("\n") && result.leftBehind.isEmpty
            return ok ? nil : "status 0, stdout starting with \(prefix.debugDescription), nothing on stderr"
        }
    }

    /// The row through `tool` (a path), with argv[0] the bare name.
    static func runRow(_ row: Row, _ tool: String, busybox: String, target: pid_t) throws -> Result {
        func substitute(_ text: String) -> String {
            text.replacingOccurrences(of: "@BB", with: busybox).replacingOccurrences(of: "@TARGET", with: String(target))
        }
        let words = row.words.map(substitute)
        let start = row.after.isEmpty ? "exec -a \"$name\" \"$tool\" \"$@\""
            : "( exec -a \"$name\" \"$tool\" \"$@\" ); s=$?; \(substitute(row.after)); exit $s"
        let harness = "tool=$1 name=$2; shift 2\n\(substitute(row.setup))\n\(start)"
        var command = ["bash", "-c", harness, "harness", tool, words[0]] + words.dropFirst()
        if row.mode == .nobody { command = asNobody(command) }
        // switch_root and pivot_root change the mount tree of their whole
        // namespace: give them one more, private, of their own.
        if ["switch_root", "pivot_root"].contains(words[0]) { command = inPrivateMountNamespace(command) }

        switch row.mode {
        case .host:
            let outcome = try run(inPrivateMountNamespace(command))
            func normal(_ text: String) -> String {
                text.replacingOccurrences(of: busybox, with: "@BB").replacingOccurrences(of: "/proc/\(target)/", with: "/proc/@TARGET/")
            }
            return Result(status: outcome.signal.map { 128 + $0 } ?? outcome.status,
                          stdout: normal(outcome.stdout), stderr: normal(outcome.stderr))
        case .contained, .nobody:
            let contained = try ContainedRun(command)
            func normal(_ text: String) -> String {
                contained.expandBack(text).replacingOccurrences(of: busybox, with: "@BB")
                    .replacingOccurrences(of: "/proc/\(contained.dead)/", with: "/proc/@DEAD/")
            }
            let status = contained.status.flatMap { $0.hasPrefix("status=") ? Int32($0.dropFirst(7)) : nil } ?? -1
            return Result(status: status, stdout: normal(contained.result.stdout), stderr: normal(contained.result.stderr),
                          leftBehind: contained.leftBehind.map(normal))
        }
    }
}
