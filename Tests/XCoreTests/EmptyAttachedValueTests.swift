import Testing
@testable import XCommandLine

/// `--NAME=` is the empty value (getopt_long), never "take the next word".
@Suite struct EmptyAttachedValueTests {
    @Test func marksOnlyAnEmptyAttachedLongOption() {
        #expect(EmptyAttachedValue.mark(["--setuid=", "5", "--wd=/x", "-w=", "--=", "--a=b=", "true"])
                == ["--setuid=\u{0}", "5", "--wd=/x", "-w=", "--=", "--a=b=", "true"])
    }

    @Test func splitsBeforeCommandOnlyAndKeepsCommandAsItCame() {
        let original = ["--setuid=", "true", "--uid="]
        let marked = EmptyAttachedValue.mark(original)
        #expect(EmptyAttachedValue.marked(marked, commandCount: 2))
        #expect(!EmptyAttachedValue.marked(["--a", "--uid=\u{0}"], commandCount: 1))
        #expect(EmptyAttachedValue.split(marked, commandCount: 2, original: original) == ["--setuid", "", "true", "--uid="])
    }

    @Test func messagesShowTheEmptyValue() {
        #expect(EmptyAttachedValue.unmark("the value '\u{0}' is invalid for '--setuid <UID>'") == "the value '' is invalid for '--setuid <UID>'")
    }
}
