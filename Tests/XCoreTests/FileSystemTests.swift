import Glibc
import Testing
import XCore

/// switch_root deletes the old root only on a RAM file system (f_type).
@Suite struct FileSystemTests {
    @Test func ramFileSystems() {
        #expect(isRAMFileSystem(0x8584_58f6)) // RAMFS_MAGIC
        #expect(isRAMFileSystem(0x0102_1994)) // TMPFS_MAGIC
        #expect(!isRAMFileSystem(0xEF53))     // ext2/3/4
        #expect(!isRAMFileSystem(0x9fa0))     // proc
        #expect(!isRAMFileSystem(0x794c_7630)) // overlayfs
        #expect(!isRAMFileSystem(0))
        // The magic as a sign-extended 32-bit value is not the same f_type.
        #expect(!isRAMFileSystem(Int64(Int32(bitPattern: 0x8584_58f6))))
    }

    @Test func statfsType() {
        #expect(fileSystemType("/nonexistent-xns-unit-test") == nil)
    }

    @Test(.enabled(if: access("/proc/self", F_OK) == 0))
    func procType() {
        #expect(fileSystemType("/proc") == 0x9fa0) // PROC_SUPER_MAGIC
    }
}
