import Glibc

/// A minimal PID 1 for a new pid namespace (xunshare --init): it forks
/// COMMAND, forwards signals to it, reaps every process that ends (orphans
/// are handed to it), and ends when COMMAND ends. A PID 1 cannot die of
/// COMMAND's signal (the kernel ignores it for PID 1), so COMMAND's raw wait
/// status goes to the parent outside through `report` instead.
public enum MinimalInit {
    public static func run(_ argv: [String], signals: SignalForwarder,
                           reportingTo report: ReportPipe) throws(XError) -> Never {
        guard let command = try ChildProcess.fork() else {
            signals.restoreSignalMask()
            try NextLink.exec(argv)
        }
        let status = try signals.supervise(command, reapingOrphans: true)
        report.send(String(status.raw))
        exit(status.shellStatus)
    }
}
