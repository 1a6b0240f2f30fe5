import Foundation
import Testing

/// The bad-input matrix of issue 9, over all five tools: for every option a
/// wrong value, a missing value, conflicts, nonexistent paths, paths leading
/// out of a root through '..' or a symlink, overlong names, files that are
/// not namespaces, dead PIDs. Each case must end with status 125, exactly
/// one `TOOL: …` line on stderr (and maybe a `hint:` line), nothing on
/// stdout, and nothing left behind in the namespaces it ran in: the mount
/// table, the links of the network namespace and of /run/netns/b, the files
/// of the scratch directory and the processes are the same before and after.
/// Cases the tools' own tests already hold are not repeated here.
@Suite(.enabled(if: isRoot, "the cases run in new namespaces"))
struct BadInputMatrixTests {
    /// One row: the tool, its arguments and a part of the one error line.
    /// In the arguments `@TMP` is a scratch directory holding `root` (a tiny
    /// root with etc/, tmp/, a file, a FIFO, and the symlinks `up` → ../../.. and
    /// `abs` → /etc), and `@DEAD` is the PID of a process that has ended.
    struct Case: CustomTestStringConvertible, Sendable {
        var tool: String
        var arguments: [String]
        var message: String
        var testDescription: String { "\(tool) \(arguments.joined(separator: " "))" }

        init(_ tool: String, _ arguments: [String], _ message: String) {
            self.tool = tool
            self.arguments = arguments
            self.message = message
        }
    }

    static let long = String(repeating: "n", count: 300)

    /// An xmountapi row in the scratch root.
    static func inRoot(_ options: [String], _ message: String) -> Case {
        Case("xmountapi", ["--root", "@TMP/root"] + options, message)
    }

    static let cases: [Case] = [
        // xunshare: wrong values, missing values, conflicts, paths.
        Case("xunshare", ["-T", "-f", "--monotonic=abc", "true"], "the value 'abc' is invalid for '--monotonic <SECONDS>'"),
        Case("xunshare", ["-T", "-f", "--boottime=99999999999999999999", "true"], "is invalid for '--boottime <SECONDS>'"),
        Case("xunshare", ["-T", "-f", "--monotonic=-9223372036854775808", "true"], "cannot set the monotonic clock offset to -9223372036854775808 seconds"),
        Case("xunshare", ["--setgid=-1", "true"], "the value '-1' is invalid for '--setgid <GID>'"),
        Case("xunshare", ["-S", "99999999999", "true"], "the value '99999999999' is invalid for '-S <UID>'"),
        Case("xunshare", ["--setuid=", "true"], "the value '' is invalid for '--setuid <UID>'"),
        Case("xunshare", ["--setuid=", "5", "true"], "the value '' is invalid for '--setuid <UID>'"),
        Case("xunshare", ["--uts", "--hostname"], "missing value for '--hostname <NAME>'"),
        Case("xunshare", ["--propagation"], "missing value for '--propagation"),
        Case("xunshare", ["-f", "--kill-child=99", "true"], "unknown signal '99' in --kill-child"),
        Case("xunshare", ["-f", "--kill-child=", "true"], "unknown signal '' in --kill-child"),
        Case("xunshare", ["--map-user=-5", "true"], "invalid --map-user '-5'"),
        Case("xunshare", ["--map-user=", "0", "true"], "invalid --map-user ''"),
        Case("xunshare", ["--map-group=no-such-group-xns", "true"], "invalid --map-group 'no-such-group-xns'"),
        Case("xunshare", ["--map-users=4294967295:0:1", "true"], "invalid --map-users range '4294967295:0:1'"),
        Case("xunshare", ["-c", "--map-user=5", "true"], "--map-current-user and --map-user exclude each other"),
        Case("xunshare", ["-mn=x", "true"], "the option '-n' does not take any value, but 'x' was specified."),
        Case("xunshare", ["-n=", "true"], "the option '-n' does not take any value"),
        Case("xunshare", ["-R", "@TMP/missing", "true"], "cannot change directory to '@TMP/missing': No such file or directory"),
        Case("xunshare", ["-R", "@TMP/root/file", "true"], "cannot change directory to '@TMP/root/file': Not a directory"),
        Case("xunshare", ["-w", "@TMP/missing", "true"], "cannot change directory to '@TMP/missing': No such file or directory"),
        Case("xunshare", ["-R", "", "true"], "cannot change directory to '': No such file or directory"),
        Case("xunshare", ["--mount-proc=@TMP/missing", "true"], "'@TMP/missing'"),
        Case("xunshare", ["--net=@TMP/missing", "true"], "cannot keep the net namespace on '@TMP/missing': No such file or directory"),
        Case("xunshare", ["--net=@TMP/a\nb", "true"], "cannot keep the net namespace on '@TMP/a\\nb': No such file or directory"),
        Case("xunshare", ["--ipc=@TMP", "true"], "cannot keep the ipc namespace on '@TMP': Is a directory"),
        Case("xunshare", ["--uts", "--domainname=" + String(repeating: "d", count: 65), "true"], "--domainname is longer than 64 bytes"),

        // xnsenter: PIDs, fds, files that are not namespaces, directories.
        Case("xnsenter", ["-t", "@DEAD", "-n", "-u", "true"], "of process @DEAD: No such process"),
        Case("xnsenter", ["-t", "@DEAD", "-a", "true"], "process @DEAD"),
        Case("xnsenter", ["-t", "abc", "-n", "true"], "the value 'abc' is invalid for '-t <PID>'"),
        Case("xnsenter", ["-t", "-5", "-n", "true"], "-t"),
        Case("xnsenter", ["-t"], "missing value for '-t <PID>'"),
        Case("xnsenter", ["--target=", "1", "-n", "true"], "the value '' is invalid for '--target <PID>'"),
        Case("xnsenter", ["-t", "@SELF", "-N", "abc", "true"], "the value 'abc' is invalid for '-N <FD>'"),
        Case("xnsenter", ["-S", "abc", "--net=/proc/self/ns/net", "true"], "the value 'abc' is invalid for '-S <UID>'"),
        Case("xnsenter", ["--pid=@TMP/root/file", "true"], "cannot enter the pid namespace of '@TMP/root/file': not a namespace file"),
        Case("xnsenter", ["--user=@TMP/missing", "true"], "cannot enter the user namespace of '@TMP/missing': No such file or directory"),
        Case("xnsenter", ["--net=/proc/self/ns/user", "true"], "it is a user namespace"),
        Case("xnsenter", ["-t", "@SELF", "--wd=@TMP/missing", "true"], "cannot open the working directory '@TMP/missing': No such file or directory"),
        Case("xnsenter", ["-t", "@SELF", "--root=@TMP/missing", "true"], "cannot open the root directory '@TMP/missing': No such file or directory"),
        Case("xnsenter", ["-t", "@SELF", "-F", "true"], "no namespace to enter"),

        // xmountapi: destinations out of the root, malformed specs, paths.
        Case("xmountapi", ["--root", "@TMP/missing", "--tmp"], "--root: cannot open '@TMP/missing': No such file or directory"),
        Case("xmountapi", ["--root", "@TMP/root/file", "--tmp"], "--root: cannot open '@TMP/root/file': Not a directory"),
        inRoot(["--dir=/../escaped"], "leads out of the root"),
        inRoot(["--dir=/tmp/../../escaped"], "leads out of the root"),
        inRoot(["--dir=/up/escaped"], "leads out of the root"),
        inRoot(["--symlink=/etc:/up/escaped"], "leads out of the root"),
        inRoot(["--bind=/usr:/up/usr"], "leads out of the root"),
        inRoot(["--dir=/" + long], "File name too long"),
        inRoot(["--tmpfs=/tmp/" + long], "File name too long"),
        inRoot(["--bind=@TMP/missing:/x"], "cannot bind '@TMP/missing': No such file or directory"),
        inRoot(["--tmpfs=/tmp/made:size=lots"], "tmpfs"),
        inRoot(["--overlay=/usr:/srv"], "--overlay"),
        inRoot(["--ro-overlay=/usr:/srv"], "--ro-overlay"),
        inRoot(["--symlink=nocolon"], "--symlink"),
        inRoot(["--bind=/usr"], "--bind"),
        inRoot(["--remount-ro=/missing"], "--remount-ro"),
        inRoot(["--read-write=/missing"], "--read-write"),
        inRoot(["--proc=", "--tmp"], "--proc"),
        inRoot(["--tmpfs"], "missing value for '--tmpfs"),
        inRoot(["--dir=/made", "--inaccessible=/up/etc"], "leads out of the root"),

        // xchroot: roots, directories inside them, users, capabilities, modes.
        Case("xchroot", ["@TMP/missing", "/bin/true"], "cannot change root to '@TMP/missing': No such file or directory"),
        Case("xchroot", ["@TMP/root/file", "/bin/true"], "cannot change root to '@TMP/root/file': Not a directory"),
        Case("xchroot", ["--pivot-root", "@TMP/missing", "/bin/true"], "cannot change root to '@TMP/missing': No such file or directory"),
        Case("xchroot", ["--pivot-root", "--switch-root", "@TMP/root", "/bin/true"], "--pivot-root and --switch-root exclude each other"),
        Case("xchroot", ["--switch-root", "@TMP/root", "/bin/true"], "refusing to switch root"),
        Case("xchroot", ["--wd=/missing", "@TMP/root", "/bin/true"], "cannot change directory to '/missing': No such file or directory"),
        Case("xchroot", ["--wd=/file", "@TMP/root", "/bin/true"], "cannot change directory to '/file': Not a directory"),
        Case("xchroot", ["--wd=", "/", "/bin/true"], "''"),
        Case("xchroot", ["--console=/missing", "@TMP/root", "/bin/true"], "cannot open the console '/missing': No such file or directory"),
        Case("xchroot", ["--userspec=no-such-user-xns", "@TMP/root", "/bin/true"], "invalid user 'no-such-user-xns' in --userspec"),
        Case("xchroot", ["--userspec=0:no-such-group-xns", "@TMP/root", "/bin/true"], "invalid group 'no-such-group-xns' in --userspec"),
        Case("xchroot", ["--groups=0,,no-such-group-xns", "@TMP/root", "/bin/true"], "in --groups"),
        Case("xchroot", ["--keep-caps=bogus", "/", "/bin/true"], "unknown capability 'bogus' in --keep-caps"),
        Case("xchroot", ["--keep-caps=,", "/", "/bin/true"], "unknown capability '' in --keep-caps"),
        Case("xchroot", ["--drop-caps", "--keep-caps=net_raw", "/", "/bin/true"], "--drop-caps and --keep-caps exclude each other"),
        Case("xchroot", ["--userspec"], "missing value for '--userspec"),
        Case("xchroot", ["@TMP/root/" + long, "/bin/true"], "File name too long"),

        // xveth: the target namespace, names, addresses, fds.
        Case("xveth", ["--pid=@DEAD"], "No such process"),
        Case("xveth", ["--pid=0"], "invalid process id 0 in --pid"),
        Case("xveth", ["--pid=abc"], "the value 'abc' is invalid for '--pid <PID>'"),
        Case("xveth", ["--netns-fd=0"], "invalid fd 0 in --netns-fd"),
        Case("xveth", ["--netns-fd=-1"], "--netns-fd"),
        Case("xveth", ["--netns=@TMP"], "'@TMP'"),
        Case("xveth", ["--netns=@TMP/root/fifo"], "'@TMP/root/fifo' is not a namespace"),
        Case("xveth", ["--netns=@TMP/root/file"], "'@TMP/root/file' is not a namespace"),
        Case("xveth", ["--netns=/run/netns/b", "--host="], "--host"),
        Case("xveth", ["--netns=/run/netns/b", "--host=a/b"], "invalid interface name 'a/b' in --host: no '/' allowed"),
        Case("xveth", ["--netns=/run/netns/b", "--host=a\nb"], "invalid interface name 'a\\nb' in --host: no white space allowed"),
        Case("xveth", ["--netns=/run/netns/b", "--peer=."], "invalid interface name '.' in --peer"),
        Case("xveth", ["--netns=/run/netns/b", "--peer=" + String(repeating: "p", count: 16)], "is too long: 16 bytes"),
        Case("xveth", ["--netns=/run/netns/b", "--mac=zz"], "invalid MAC address 'zz' in --mac"),
        Case("xveth", ["--netns=/run/netns/b", "--host-addr=10.0.0.1/33"], "--host-addr"),
        Case("xveth", ["--netns=/run/netns/b", "--peer-gateway=abc", "--peer-addr=10.77.20.2/24"], "--peer-gateway"),
        Case("xveth", ["--netns=/run/netns/b", "--mtu"], "missing value for '--mtu"),
        Case("xveth", ["--delete=nonexist0"], "cannot delete interface 'nonexist0' in this network namespace: No such device"),
        Case("xveth", ["--delete=lo"], "refusing to delete interface 'lo': it is not a veth"),
        Case("xveth", ["--loopback-only", "--host=x"], "--loopback-only goes alone"),
        Case("xveth", ["--host-netns-fd=abc", "--host=vx0"], "the value 'abc' is invalid for '--host-netns-fd <N>'"),
    ]

    /// Runs the case inside new mount, network and pid namespaces (private
    /// propagation, a proc of their own), after making the scratch root,
    /// /run/netns/b, and a PID that has ended; the report compares the
    /// namespaces before and after.
    @Test(arguments: cases)
    func refusedWithOneLineAnd125AndNothingLeft(_ row: Case) throws {
        try refuse(row)
    }

    @Test func aHintAboutPrivilegeOnlyWhenTheKernelRefused() throws {
        // mount(2) said ENOTDIR: the line names DIR, no hint about CAP_SYS_ADMIN.
        let result = try refuse(Case("xunshare", ["--mount-proc=@TMP/root/file", "true"], "cannot mount proc on '@TMP/root/file': Not a directory"))
        #expect(result.stderrLines.count == 1, "\(result)")
    }

    /// Runs `row` and checks the contract; returns what the tool wrote.
    @discardableResult
    func refuse(_ row: Case) throws -> Outcome {
        let contained = try ContainedRun([Package.tool(row.tool)] + row.arguments)
        let result = contained.result
        let message = contained.expand(row.message)
        let context = "\(row.testDescription)\n\(contained.context)"

        #expect(contained.status == "status=125", "\(context)")
        #expect(contained.leftBehind.isEmpty, "something was left behind: \(context)")
        #expect(result.stdout == "", "\(context)")
        let errors = result.stderrLines
        #expect((1...2).contains(errors.count), "\(context)")
        #expect(errors.first?.hasPrefix(row.tool + ": ") == true, "\(context)")
        #expect(errors.first?.contains(message) == true, "expected '\(message)' in the line: \(context)")
        #expect(errors.dropFirst().allSatisfy { $0.hasPrefix("hint: ") }, "\(context)")
        return result
    }
}
