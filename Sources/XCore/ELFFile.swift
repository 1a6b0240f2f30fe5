/// Just enough of the ELF format to find a program's interpreter (PT_INTERP),
/// for both classes and byte orders. Pure: bytes in, path out.
public enum ELFFile {
    /// Reads `count` bytes at `offset`, or nil past the end.
    public typealias Reader = (_ offset: Int, _ count: Int) -> [UInt8]?

    public static func interpreter(_ read: Reader) -> String? {
        guard let ident = read(0, 64), ident.count >= 52,
              ident[0] == 0x7f, ident[1] == 0x45, ident[2] == 0x4c, ident[3] == 0x46 else { return nil }
        let is64 = ident[4] == 2
        guard ident.count >= (is64 ? 64 : 52) else { return nil }
        let little = ident[5] == 1
        func integer(_ bytes: [UInt8], _ at: Int, _ size: Int) -> Int {
            var value = 0
            for i in 0..<size {
                let byte = Int(bytes[at + (little ? size - 1 - i : i)])
                value = value << 8 | byte
            }
            return value
        }
        let phoff = is64 ? integer(ident, 32, 8) : integer(ident, 28, 4)
        let phentsize = is64 ? integer(ident, 54, 2) : integer(ident, 42, 2)
        let phnum = is64 ? integer(ident, 56, 2) : integer(ident, 44, 2)
        guard phentsize >= (is64 ? 56 : 32), phnum < 4096 else { return nil }
        for index in 0..<phnum {
            guard let header = read(phoff + index * phentsize, phentsize), header.count >= phentsize else { return nil }
            let type = integer(header, 0, 4)
            guard type == 3 else { continue } // PT_INTERP
            let offset = is64 ? integer(header, 8, 8) : integer(header, 4, 4)
            let size = is64 ? integer(header, 32, 8) : integer(header, 16, 4)
            guard size > 0, size < 4096, let path = read(offset, size), path.count == size else { return nil }
            return String(decoding: path.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
        return nil
    }

    /// The interpreter named by a `#!` line (the first word after `#!`).
    public static func shebangInterpreter(_ head: [UInt8]) -> String? {
        guard head.starts(with: [0x23, 0x21]) else { return nil }
        let line = head.dropFirst(2).prefix(while: { $0 != 0x0a })
        let word = line.drop(while: { $0 == 0x20 || $0 == 0x09 }).prefix(while: { $0 != 0x20 && $0 != 0x09 })
        return word.isEmpty ? nil : String(decoding: word, as: UTF8.self)
    }
}
