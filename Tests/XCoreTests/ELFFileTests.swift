import Glibc
import Testing
@testable import XCore

/// ELFFile is pure (bytes in, path out), so it is tested on real binaries read
/// from disk and on hand-built headers whose every field is known.
@Suite struct ELFFileTests {
    /// A reader over bytes in memory with the documented contract: exactly
    /// `count` bytes, or nil past the end (written so that it cannot overflow).
    static func reader(_ bytes: [UInt8]) -> ELFFile.Reader {
        { offset, count in
            guard offset >= 0, count >= 0, count <= bytes.count, offset <= bytes.count - count else { return nil }
            return Array(bytes[offset..<offset + count])
        }
    }

    static func fileBytes(_ path: String) -> [UInt8]? {
        let (fd, _) = FileDescriptor.open(path, O_RDONLY)
        return fd?.readAll()
    }

    /// A program header as the tests describe it: type, p_offset, p_filesz.
    struct Segment { var type: Int; var offset: Int; var size: Int }

    /// A minimal ELF: file header, the given program headers right after it
    /// (e_phoff = header size), and `payload` appended after them.
    static func elf(is64: Bool, little: Bool = true, segments: [Segment], payload: [UInt8] = [],
                    phentsize: Int? = nil, phnum: Int? = nil) -> [UInt8] {
        let headerSize = is64 ? 64 : 52
        let entrySize = is64 ? 56 : 32
        var bytes = [UInt8](repeating: 0, count: headerSize + entrySize * segments.count)
        func put(_ value: Int, at: Int, size: Int) {
            for i in 0..<size {
                let byte = UInt8(truncatingIfNeeded: value >> (8 * i))
                bytes[at + (little ? i : size - 1 - i)] = byte
            }
        }
        bytes[0...3] = [0x7f, 0x45, 0x4c, 0x46]
        bytes[4] = is64 ? 2 : 1
        bytes[5] = little ? 1 : 2
        bytes[6] = 1
        if is64 {
            put(headerSize, at: 32, size: 8)
            put(phentsize ?? entrySize, at: 54, size: 2)
            put(phnum ?? segments.count, at: 56, size: 2)
        } else {
            put(headerSize, at: 28, size: 4)
            put(phentsize ?? entrySize, at: 42, size: 2)
            put(phnum ?? segments.count, at: 44, size: 2)
        }
        for (index, segment) in segments.enumerated() {
            let base = headerSize + index * entrySize
            put(segment.type, at: base, size: 4)
            if is64 {
                put(segment.offset, at: base + 8, size: 8)
                put(segment.size, at: base + 32, size: 8)
            } else {
                put(segment.offset, at: base + 4, size: 4)
                put(segment.size, at: base + 16, size: 4)
            }
        }
        return bytes + payload
    }

    /// An ELF whose PT_INTERP (after a PT_LOAD, which must be skipped) names `path`.
    static func dynamicELF(is64: Bool, little: Bool = true, path: String = "/lib/ld-test.so.1") -> [UInt8] {
        let start = (is64 ? 64 : 52) + (is64 ? 56 : 32) * 2
        let name = Array(path.utf8) + [0]
        return elf(is64: is64, little: little,
                   segments: [Segment(type: 1, offset: 0, size: start),
                              Segment(type: 3, offset: start, size: name.count)],
                   payload: name)
    }

    @Test func dynamicBinaryOnDisk() throws {
        let bytes = try #require(Self.fileBytes("/bin/true"))
        let expected: String
        #if arch(x86_64)
        expected = "/lib64/ld-linux-x86-64.so.2"
        #elseif arch(arm64)
        expected = "/lib/ld-linux-aarch64.so.1"
        #else
        return
        #endif
        #expect(ELFFile.interpreter(Self.reader(bytes)) == expected)
    }

    /// Whether `bytes` contains `needle` (naive search, fine for a few MB).
    static func contains(_ bytes: [UInt8], _ needle: String) -> Bool {
        let pattern = Array(needle.utf8)
        guard bytes.count >= pattern.count else { return false }
        for start in 0...(bytes.count - pattern.count) where bytes[start] == pattern[0] {
            if bytes[start..<start + pattern.count].elementsEqual(pattern) { return true }
        }
        return false
    }

    /// A static busybox has no PT_INTERP. The test runs only where independent
    /// evidence says it is static: no ".interp" section name and no loader
    /// path ("/lib64/ld-…") in it. (Static glibc does contain "ld-linux…".)
    static let staticBusybox: [UInt8]? = fileBytes("/bin/busybox").flatMap {
        contains($0, ".interp") || contains($0, "/ld-") ? nil : $0
    }

    @Test(.enabled(if: ELFFileTests.staticBusybox != nil, "needs busybox-static, which make test installs"))
    func staticBinaryOnDisk() throws {
        let bytes = try #require(Self.staticBusybox)
        #expect(bytes.starts(with: [0x7f, 0x45, 0x4c, 0x46]))
        #expect(ELFFile.interpreter(Self.reader(bytes)) == nil)
    }

    @Test(arguments: [true, false])
    func syntheticELF64(little: Bool) {
        let bytes = Self.dynamicELF(is64: true, little: little)
        #expect(ELFFile.interpreter(Self.reader(bytes)) == "/lib/ld-test.so.1")
    }

    @Test(arguments: [true, false])
    func syntheticELF32(little: Bool) {
        let bytes = Self.dynamicELF(is64: false, little: little, path: "/lib/ld-linux.so.2")
        #expect(ELFFile.interpreter(Self.reader(bytes)) == "/lib/ld-linux.so.2")
    }

    /// The path ends at the first NUL even when p_filesz counts more bytes.
    @Test func interpreterStopsAtNUL() {
        let payload = Array("/lib/ld.so".utf8) + [0, 0x41, 0x42]
        let bytes = Self.elf(is64: true, segments: [Segment(type: 3, offset: 120, size: payload.count)],
                             payload: payload)
        #expect(ELFFile.interpreter(Self.reader(bytes)) == "/lib/ld.so")
    }

    @Test func noInterpreterSegment() {
        let bytes = Self.elf(is64: true, segments: [Segment(type: 1, offset: 0, size: 120)])
        #expect(ELFFile.interpreter(Self.reader(bytes)) == nil)
    }

    /// Header values that would make the parser read nonsense must give nil.
    @Test func implausibleHeaders() {
        let good = Self.dynamicELF(is64: true)
        // e_phentsize smaller than an Elf64_Phdr.
        #expect(ELFFile.interpreter(Self.reader(Self.elf(is64: true, segments: [], phentsize: 20, phnum: 1))) == nil)
        // e_phnum far beyond the file.
        #expect(ELFFile.interpreter(Self.reader(Self.elf(is64: true, segments: [], phnum: 4095))) == nil)
        #expect(ELFFile.interpreter(Self.reader(Self.elf(is64: true, segments: [], phnum: 65535))) == nil)
        // PT_INTERP pointing past the end, of size 0, or absurdly long.
        for segment in [Segment(type: 3, offset: 10_000, size: 5), Segment(type: 3, offset: 64, size: 0),
                        Segment(type: 3, offset: 0, size: 1 << 40), Segment(type: 3, offset: -1, size: 8)] {
            #expect(ELFFile.interpreter(Self.reader(Self.elf(is64: true, segments: [segment], payload: good))) == nil)
        }
        // Wrong magic.
        var bad = good
        bad[1] = 0x46
        #expect(ELFFile.interpreter(Self.reader(bad)) == nil)
    }

    /// Every prefix of a valid file: nil or the right answer, never a trap.
    @Test(arguments: [true, false])
    func truncatedInput(is64: Bool) {
        let bytes = Self.dynamicELF(is64: is64)
        for length in 0..<bytes.count {
            #expect(ELFFile.interpreter(Self.reader(Array(bytes.prefix(length)))) == nil, "prefix \(length)")
        }
        #expect(ELFFile.interpreter(Self.reader([])) == nil)
    }

    /// Random corruption of a valid header (deterministic PRNG, so a failure
    /// reproduces) must never crash; reaching the end of the loop is the test.
    @Test func corruptedInputNeverCrashes() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 { // SplitMix64
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var checked = 0
        for is64 in [true, false] {
            let good = Self.dynamicELF(is64: is64)
            for _ in 0..<3000 {
                var bytes = good
                for _ in 0..<(1 + Int(next() % 4)) {
                    // Keep the magic so the parser goes past the first check.
                    bytes[4 + Int(next() % UInt64(bytes.count - 4))] = UInt8(truncatingIfNeeded: next())
                }
                _ = ELFFile.interpreter(Self.reader(bytes))
                checked += 1
            }
        }
        #expect(checked == 6000)
        // Pure garbage, not even ELF.
        #expect(ELFFile.interpreter(Self.reader(Array("#!/bin/sh\necho hello, this is not ELF at all........".utf8)
                                                    + [UInt8](repeating: 0xff, count: 64))) == nil)
    }

    @Test func shebang() {
        #expect(ELFFile.shebangInterpreter(Array("#!/bin/sh\n".utf8)) == "/bin/sh")
        // Blanks after #! are skipped; only the first word is the interpreter.
        #expect(ELFFile.shebangInterpreter(Array("#! /usr/bin/env python3\n".utf8)) == "/usr/bin/env")
        #expect(ELFFile.shebangInterpreter(Array("#!\t/bin/bash -e\nexit 1\n".utf8)) == "/bin/bash")
        // A line cut off before its newline still names its interpreter.
        #expect(ELFFile.shebangInterpreter(Array("#!/bin/sh".utf8)) == "/bin/sh")
        #expect(ELFFile.shebangInterpreter(Array("#!\n".utf8)) == nil)
        #expect(ELFFile.shebangInterpreter(Array("#!   \n/bin/sh\n".utf8)) == nil)
        #expect(ELFFile.shebangInterpreter(Array("#".utf8)) == nil)
        #expect(ELFFile.shebangInterpreter([]) == nil)
        #expect(ELFFile.shebangInterpreter(Array("echo hi\n".utf8)) == nil)
        #expect(ELFFile.shebangInterpreter(Array(" #!/bin/sh\n".utf8)) == nil)
        #expect(ELFFile.shebangInterpreter([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]) == nil)
    }
}
