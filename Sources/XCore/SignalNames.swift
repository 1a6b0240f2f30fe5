import CLinux
import Glibc

/// Signal names both ways: "SIGTERM", "TERM", "term" or "15" to a number
/// (util-linux's --kill-child=SIG accepts them all), and a number to "SIGTERM".
public enum SignalNames {
    public static func number(_ text: String) -> Int32? {
        if let value = Int32(text) {
            return (1..<xns_NSIG).contains(value) ? value : nil
        }
        var name = text.uppercased()
        if name.hasPrefix("SIG") { name.removeFirst(3) }
        guard !name.isEmpty else { return nil }
        if name.hasPrefix("RTMIN") || name.hasPrefix("RTMAX") { return realTime(name) }
        for signal in 1..<xns_NSIG {
            if let abbreviation = xns_signal_abbrev(signal), String(cString: abbreviation) == name {
                return signal
            }
        }
        return nil
    }

    /// RTMIN, RTMIN+N, RTMAX, RTMAX-N (util-linux's signal names), within glibc's range.
    static func realTime(_ name: String) -> Int32? {
        let (low, high) = (xns_sigrtmin(), xns_sigrtmax())
        let base = name.hasPrefix("RTMIN") ? low : high
        let rest = name.dropFirst(5)
        var signal = base
        if !rest.isEmpty {
            guard let sign = rest.first, sign == (base == low ? "+" : "-"), let offset = Int32(rest.dropFirst()), offset >= 0,
                  offset <= high - low else { return nil }
            signal = base == low ? base + offset : base - offset
        }
        return (low...high).contains(signal) ? signal : nil
    }

    public static func name(of signal: Int32) -> String {
        xns_signal_abbrev(signal).map { "SIG" + String(cString: $0) } ?? String(signal)
    }
}
