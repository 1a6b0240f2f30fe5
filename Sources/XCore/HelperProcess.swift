import Glibc

/// A child forked *before* the caller changes its namespaces, which waits
/// until released and then does one piece of work from where the caller
/// was: bind-mount the caller's new namespace files in the original mount
/// namespace, or write the caller's id maps from the parent user namespace
/// (util-linux unshare's fork_and_wait). Its error comes back to the caller,
/// which reports it: the helper itself prints nothing.
public final class HelperProcess {
    private let child: ChildProcess?
    private let gate: Gate?
    private let report: ReportPipe?
    /// In a dry run nothing is forked: the work runs in place when released.
    private let deferredWork: (() throws(XError) -> Void)?
    /// Released and reaped: nothing is left to cancel.
    private var finished = false

    private init(child: ChildProcess?, gate: Gate?, report: ReportPipe?, deferredWork: (() throws(XError) -> Void)?) {
        self.child = child
        self.gate = gate
        self.report = report
        self.deferredWork = deferredWork
    }

    public static func start(_ work: @escaping () throws(XError) -> Void) throws(XError) -> HelperProcess {
        if Trace.isDryRun {
            Trace.line("fork() (dry run: not made; a helper outside the new namespaces would do what follows)")
            return HelperProcess(child: nil, gate: nil, report: nil, deferredWork: work)
        }
        let gate = try Gate()
        let report = try ReportPipe()
        guard let child = try ChildProcess.fork() else {
            // The helper: wait to be released, work, tell how it went.
            guard gate.wait() else { _exit(0) }
            do {
                try work()
                _exit(0)
            } catch {
                report.send(error)
                _exit(ExitStatus.failure)
            }
        }
        report.keepReadingEnd()
        return HelperProcess(child: child, gate: gate, report: report, deferredWork: nil)
    }

    /// Releases the helper and waits until its work is done; throws its error.
    public func finish() throws(XError) {
        if let deferredWork { return try deferredWork() }
        guard let child, let gate, let report, !finished else { return }
        finished = true
        gate.open()
        let status = try child.wait()
        if status == .exited(0) { return }
        throw report.receiveError()
            ?? XError("a helper process ended with status \(status.shellStatus)")
    }

    /// The caller failed before releasing it: the helper ends without working.
    public func cancel() {
        guard let child, let gate, !finished else { return }
        finished = true
        gate.shut()
        _ = try? child.wait()
    }
}

/// A helper forked *before* the caller changes its namespaces that stands
/// by to undo, from where the caller was, what was done there for COMMAND
/// (release the namespace files a `HelperProcess` kept) — if COMMAND cannot
/// be executed. It is detached (forked twice), so it is never a child of
/// COMMAND. Asked to, it works; dismissed, or when the caller's exec works
/// (its end of the gate closes with the exec), it ends without working.
public final class StandbyHelper {
    private let gate: Gate?
    /// Its read end stays here; the helper holds the only write end, so end
    /// of file means the helper has ended.
    private let ended: Pipe?
    private var done = false

    private init(gate: Gate?, ended: Pipe?) {
        self.gate = gate
        self.ended = ended
    }

    /// `runsWhenAbandoned`: the helper works also when this process dies
    /// without a word (end of file on the gate), not only when told.
    public static func start(runsWhenAbandoned: Bool = false, _ work: @escaping () -> Void) throws(XError) -> StandbyHelper {
        // A dry run execs nothing that could fail.
        if Trace.isDryRun { return StandbyHelper(gate: nil, ended: nil) }
        let gate = try Gate()
        let ended = try Pipe()
        guard let child = try ChildProcess.fork() else {
            // The middle process: fork the helper and go, so that it is
            // reparented away from us (and from COMMAND).
            let helper: ChildProcess?
            do { helper = try ChildProcess.fork() } catch { _exit(ExitStatus.failure) }
            if helper == nil {
                ended.closeReadEnd()
                if gate.wait() || runsWhenAbandoned { work() }
            }
            _exit(0)
        }
        _ = try? child.wait()
        ended.closeWriteEnd()
        return StandbyHelper(gate: gate, ended: ended)
    }

    /// Lets the helper work, and waits until it has.
    public func run() {
        guard let gate, !done else { return }
        done = true
        gate.open()
        waitUntilEnded()
    }

    /// Tells the helper to end without working, and waits until it has.
    public func dismiss() {
        guard let gate, !done else { return }
        done = true
        gate.shut()
        waitUntilEnded()
    }

    private func waitUntilEnded() {
        guard let ended else { return }
        var byte: UInt8 = 0
        while read(ended.readEnd, &byte, 1) < 0 && errno == EINTR {}
        ended.closeReadEnd()
    }
}
