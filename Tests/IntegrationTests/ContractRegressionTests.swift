import Foundation
import Testing

/// Contract cases a code review found broken, one test each, so they stay fixed.
@Suite struct ContractRegressionTests {
    @Test func commandBytesThatAreNotUTF8PassUntouched() throws {
        // Swift strings repair invalid UTF-8; execve must get the original bytes.
        for tool in [[Package.xchroot, "/"], [Package.xunshare]] {
            let script = #"exec "$@" printf %s "$(printf 'a\377b')" | od -An -tx1"#
            let result = try run(["sh", "-c", script, "sh"] + tool)
            #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "61 ff 62", "\(tool[0]): \(result)")
        }
    }

    @Test func aFIFONamedLikeTheCommandDoesNotHangTheTool() throws {
        let dir = try TemporaryDirectory()
        #expect(mkfifo(dir.file("fifo"), 0o755) == 0)
        // timeout(1) exits 124 if the tool hangs.
        let result = try run(["timeout", "10", Package.xchroot, "/", dir.file("fifo")])
        #expect(result.status == 126, "\(result)")
        #expect(result.stderrLines.first == "xchroot: cannot run '\(dir.file("fifo"))' in '/': Permission denied")
    }

    @Test func consoleFillsClosedStandardStreams() throws {
        // An initramfs /init may start with fds 0-2 closed: --console must
        // leave COMMAND with all three open on DEV.
        let dir = try TemporaryDirectory()
        _ = FileManager.default.createFile(atPath: dir.file("console"), contents: Data())
        let script = #"exec "$0" --console="$1" / /bin/sh -c 'echo out; echo err >&2' <&- >&- 2>&-"#
        let result = try run(["sh", "-c", script, Package.xchroot, dir.file("console")])
        #expect(result.status == 0, "\(result)")
        #expect(try String(contentsOfFile: dir.file("console"), encoding: .utf8) == "out\nerr\n")
    }

    @Test func anEmptyCommandNameIsNotFound() throws {
        let result = try run([Package.xchroot, "/", ""])
        #expect(result.status == 127, "\(result)")
        #expect(result.stderrLines == ["xchroot: cannot run '' in '/': No such file or directory"])
    }

    @Test func thePathSearchGoesOnPastAMissingInterpreter() throws {
        // execvp(3) semantics: a later PATH entry that runs wins.
        let root = try BusyboxRoot()
        try FileManager.default.createDirectory(atPath: root.path + "/opt/bin", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: "/usr/bin/true", toPath: root.path + "/opt/bin/greet")
        try root.write("bin/greet", "#!/bin/sh\necho hello from /bin\n", mode: 0o755)
        let result = try run([Package.xchroot, root.path, "greet"], environment: environment(["PATH": "/opt/bin:/bin"]))
        #expect(result.stdout == "hello from /bin\n", "\(result)")
        let alone = try run([Package.xchroot, root.path, "greet"], environment: environment(["PATH": "/opt/bin"]))
        #expect(alone.status == 126, "\(alone)")
    }

    @Test func aValueWithANewlineStaysOnOneLine() throws {
        let result = try run([Package.xchroot, "/no\nsuch", "/bin/true"])
        #expect(result.stderrLines == ["xchroot: cannot change root to '/no\\nsuch': No such file or directory"])
    }

    @Test func minusOneIsNotAnId() throws {
        let result = try run([Package.xunshare, "--setuid=4294967295", "/bin/true"])
        #expect(result.status == 125)
        #expect(result.stderrLines == ["xunshare: invalid id 4294967295 in --setuid"])
    }

    @Test func xvethRefusesOneFdForBothEnds() throws {
        let result = try run(["sh", "-c", #"exec "$0" --netns-fd=3 --host-netns-fd=3 --host=vx0 3</proc/self/ns/net"#, Package.tool("xveth")])
        #expect(result.status == 125, "\(result)")
        #expect(result.stderrLines.first == "xveth: --netns-fd and --host-netns-fd name the same fd 3")
    }
}

/// A terminal's ^C reaches the whole foreground process group — the forked
/// child included — so a forking tool must not pass it on a second time.
@Suite struct TerminalSignalTests {
    @Test func oneControlCReachesTheChildOnce() throws {
        // script(1) gives the chain a terminal; the ^C typed into it after 1 s
        // is sent by the kernel to the foreground group. The child counts
        // the SIGINTs it gets in 2 s.
        let counter = #"perl -e '$n = 0; $SIG{INT} = sub { $n++ }; $end = time + 2; select(undef, undef, undef, 0.1) while time < $end; print "got $n\n"'"#
        let script = #"(sleep 1; printf '\003'; sleep 3) | timeout 20 script -qfec "$0 --fork -- $1" /dev/null"#
        let result = try run(["sh", "-c", script, Package.xunshare, counter], environment: environment(["SHELL": "/bin/sh"]))
        #expect(result.stdout.contains("got 1"), "\(result)")
    }
}
