import Testing
import XCapabilities
import XCore

/// `--keep-caps=LIST`: names with or without `cap_`, any case, or numbers.
@Suite struct CapabilitiesTests {
    /// The XError `parse` throws, or nil (and an issue) if it succeeds.
    func failure(_ list: String) -> XError? {
        do {
            let parsed = try Capabilities.parse(list)
            Issue.record("expected an error for \(list), got \(parsed)")
            return nil
        } catch {
            return error
        }
    }

    @Test func names() throws {
        #expect(try Capabilities.parse("net_bind_service") == [10])
        #expect(try Capabilities.parse("CAP_SYS_ADMIN") == [21])
        #expect(try Capabilities.parse("Cap_Chown") == [0])
        // Order is kept; repeats (by name, prefix or number) count once.
        #expect(try Capabilities.parse("cap_chown,cap_chown") == [0])
        #expect(try Capabilities.parse("kill,chown,5,CAP_KILL,cap_chown") == [5, 0])
    }

    @Test func numbers() throws {
        #expect(try Capabilities.parse("12") == [12])
        #expect(try Capabilities.parse("0") == [0])
    }

    /// Each bad item is named, quoted as the user wrote it; status 125.
    @Test(arguments: [
        ("", ""), ("nosuch", "nosuch"), ("net_admin,", ""), ("99999", "99999"),
        ("-1", "-1"), ("cap_", "cap_"), ("chown,,kill", ""), ("net admin", "net admin"),
        ("chown,CAP_BOGUS", "CAP_BOGUS"),
    ])
    func unknown(list: String, item: String) throws {
        let error = try #require(failure(list))
        #expect(error.message == "unknown capability '\(item)' in --keep-caps")
        #expect(error.status == 125)
        #expect(error.errno == nil)
        #expect(error.hint?.contains("capabilities(7)") == true)
    }

    @Test func traceNames() {
        #expect(Capabilities.name(10) == "cap_net_bind_service")
        #expect(Capabilities.name(0) == "cap_chown")
        #expect(Capabilities.name(21) == "cap_sys_admin")
        // Unknown numbers are shown as numbers rather than trapping.
        #expect(Capabilities.name(99999) == "99999")
    }
}
