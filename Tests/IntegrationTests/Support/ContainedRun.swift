import Foundation

/// One command run in throwaway namespaces with what it left behind: the
/// command runs in new mount, network and pid namespaces (private
/// propagation, a /proc of their own) — as root, or `rootless` as nobody in a
/// user namespace of its own as well — after a scratch directory with a tiny
/// root, /run/netns/b and a PID that has ended were made there. The mount
/// table, the links of the network namespace and of /run/netns/b, the files
/// of the scratch directory and the processes are compared before and after.
///
/// In the arguments `@TMP` is the scratch directory, holding `root` (etc/,
/// tmp/, a file, a FIFO, and the symlinks `up` → ../../.. and `abs` → /etc),
/// `@DEAD` is the PID of a process that has ended, and `@SELF` the PID of the
/// shell that runs the command (in the new pid namespace).
struct ContainedRun {
    var result: Outcome
    /// "status=N", "dead=PID", then a line for anything left behind.
    var report: [String]
    var scratch: String

    var status: String? { report.first }
    var dead: String { report.first { $0.hasPrefix("dead=") }.map { String($0.dropFirst(5)) } ?? "?" }
    /// Lines 3… of the report: processes and differences left behind.
    var leftBehind: [String] { Array(report.dropFirst(2)) }

    /// `text` with @TMP and @DEAD as this run had them.
    func expand(_ text: String) -> String {
        text.replacingOccurrences(of: "@TMP", with: scratch).replacingOccurrences(of: "@DEAD", with: dead)
    }

    var context: String { "\(report.joined(separator: "\n"))\n\(result)" }

    init(_ arguments: [String], rootless: Bool = false, environment: [String: String]? = nil) throws {
        let directory = try TemporaryDirectory()
        let reports = try TemporaryDirectory()
        if rootless {
            for path in [directory.path, reports.path] { chown(path, uid_t(nobody.uid), gid_t(nobody.gid)) }
        }
        scratch = directory.path
        let arguments = arguments.map { $0.replacingOccurrences(of: "@TMP", with: directory.path) }
        // The qdisc of a link is left out: a link once up keeps the one the
        // kernel gave it (noqueue) when it goes down again, which no tool can undo.
        // So are mounts that were there before and are gone after: the mount
        // namespace copied other tests' mounts (namespace files, demo roots),
        // and the kernel detaches a copy when its mount point is deleted
        // elsewhere — a mount this run cannot have left behind. (The script
        // keeps its line numbers and process count before the command: rows
        // quote bash's "line 8" and the command's PID.)
        let script = #"""
            D=$1 R=$2; shift 2
            mkdir -p /run/netns && mount -t tmpfs xns-test /run/netns && ip netns add b || exit 99
            mkdir -p "$D/root/etc" "$D/root/tmp" && : > "$D/root/file" && : > "$D/root/other" && mkfifo "$D/root/fifo" && ln -s ../../.. "$D/root/up" && ln -s /etc "$D/root/abs"
            dead=$(sh -c 'echo $$')
            args=("$@"); args=("${args[@]//@DEAD/$dead}"); args=("${args[@]//@SELF/$$}")
            snapshot() { cat /proc/self/mountinfo; { ip -o link; ip -n b -o link; } | sed 's/ qdisc [^ ]*//'; ls -A /run/netns; find "$D" | sort; }
            before=$(snapshot); set -- /proc/[0-9]*; processes="$*"
            "${args[@]}" </dev/null; status=$?
            after=$(snapshot); set -- /proc/[0-9]*
            mounted=" $(awk '$1 ~ /^[0-9]+$/ && $2 ~ /^[0-9]+$/ && / - / { printf "%s ", $1 }' <<< "$after")"
            before=$(awk -v mounted="$mounted" '!($1 ~ /^[0-9]+$/ && $2 ~ /^[0-9]+$/ && / - / && index(mounted, " " $1 " ") == 0)' <<< "$before")
            { echo "status=$status"; echo "dead=$dead"; [ "$processes" = "$*" ] || echo "PROCESSES LEFT: $processes -> $*"
              [ "$before" = "$after" ] || diff <(echo "$before") <(echo "$after"); } > "$R/report"
            """#
        let namespaces = ["unshare"] + (rootless ? ["--user", "--map-root-user"] : [])
            + ["--mount", "--propagation", "private", "--net", "--pid", "--fork", "--mount-proc", "--"]
        let command = namespaces + ["bash", "-c", script, "bash", directory.path, reports.path] + arguments
        result = try run(rootless ? asNobody(command) : command, environment: environment)
        let text = (try? String(contentsOfFile: reports.file("report"), encoding: .utf8)) ?? "no report"
        report = text.split(separator: "\n").map(String.init)
    }
}
