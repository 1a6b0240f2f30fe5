import Glibc
import Testing
@testable import XCore

/// The one-line diagnostics and strace-like trace text every tool prints.
@Suite struct MessagesTests {
    @Test func stepError() {
        let error = XError.step("cannot change root to", "/x", errno: ENOENT)
        #expect(error.text == "cannot change root to '/x': No such file or directory")
        #expect(error.message == "cannot change root to '/x'")
        #expect(error.errno == ENOENT)
        #expect(error.status == 125)
        #expect(error.hint == nil)
        // Without a subject: just the action and strerror.
        let bare = XError.step("unshare", errno: EPERM, hint: "run as root")
        #expect(bare.text == "unshare: Operation not permitted")
        #expect(bare.hint == "run as root")
    }

    @Test func usageError() {
        let error = XError.usage("--drop-caps and --keep-caps exclude each other", hint: "pick one")
        #expect(error.text == "--drop-caps and --keep-caps exclude each other")
        #expect(error.errno == nil)
        #expect(error.hint == "pick one")
        #expect(error.status == ExitStatus.failure)
        #expect(XError("cannot run 'x'", errno: ENOENT, status: 127).status == 127)
    }

    @Test func aHintNamingAPathWithANewlineStaysOneLine() {
        #expect(Diagnostics.oneLine("create the file first: touch /a\nb") == "create the file first: touch /a\\nb")
        #expect(Diagnostics.oneLine("cannot open '/a\\nb'") == "cannot open '/a\\nb'")
    }

    @Test func exitStatuses() {
        #expect(ExitStatus.failure == 125)
        #expect(ExitStatus.cannotExecute == 126)
        #expect(ExitStatus.notFound == 127)
    }

    @Test func quoting() {
        #expect(quoted("/srv/box") == "'/srv/box'")
        #expect(quoted("") == "''")
        #expect(quoted("a b") == "'a b'")
    }

    @Test func errnoNames() {
        #expect(errorName(ENOENT) == "ENOENT")
        #expect(errorName(EPERM) == "EPERM")
        #expect(errorName(EINVAL) == "EINVAL")
        // An errno glibc does not know must not crash (NULL from strerrorname_np).
        #expect(errorName(99999) == "E?")
        #expect(errorDescription(EACCES) == "Permission denied")
    }

    /// A failed call carries its errno into the XError; tracing is off here.
    @Test func systemCallResult() throws {
        let failed = systemCall("close", "-1", changesState: false) { close(-1) }
        #expect(failed.failed)
        #expect(failed.errno == EBADF)
        #expect(throws: XError.step("cannot close", "fd -1", errno: EBADF)) {
            try failed.orThrow("cannot close", "fd -1")
        }
        let worked = systemCall("getpid", "", changesState: false) { getpid() }
        #expect(!worked.failed && worked.errno == 0)
        #expect(try worked.orThrow("cannot get pid") == getpid())
    }

    @Test func flags() {
        let names: [(UInt32, String)] = [(0x1, "A"), (0x2, "B"), (0x4, "C"), (0, "ZERO")]
        #expect(traceFlags(UInt32(0x5), names) == "A|C")
        #expect(traceFlags(UInt32(0x7), names) == "A|B|C")
        // Unknown bits are shown in hex after the names; nothing at all is 0x0.
        #expect(traceFlags(UInt32(0x9), names) == "A|0x8")
        #expect(traceFlags(UInt32(0x30), names) == "0x30")
        #expect(traceFlags(UInt32(0), names) == "0x0")
        #expect(openFlagNames(O_RDONLY) == "O_RDONLY")
        #expect(openFlagNames(O_RDWR | O_CLOEXEC) == "O_RDWR|O_CLOEXEC")
        #expect(openFlagNames(O_WRONLY | O_CREAT | O_CLOEXEC) == "O_WRONLY|O_CLOEXEC|O_CREAT")
    }

    /// strace prints an unnamed high bit as 0x80000000, also for an Int32 set.
    @Test func highBitOfSignedFlags() {
        #expect(traceFlags(Int32(bitPattern: 0x8000_0000), []) == "0x80000000")
    }

    @Test func strings() {
        #expect(traceString("/srv/box") == "\"/srv/box\"")
        #expect(traceString("") == "\"\"")
        #expect(traceString("say \"hi\"") == "\"say \\\"hi\\\"\"")
        #expect(traceString("a\\b") == "\"a\\\\b\"")
        #expect(traceString("two\nlines") == "\"two\\nlines\"")
        #expect(traceString("ünï") == "\"ünï\"")
    }
}
