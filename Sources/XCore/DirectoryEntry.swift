import Glibc

/// The name of a readdir(3) entry: `d_name` is a fixed-size C array that
/// Swift imports as a tuple.
func directoryEntryName(_ entry: UnsafeMutablePointer<dirent>) -> String {
    withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
    }
}
