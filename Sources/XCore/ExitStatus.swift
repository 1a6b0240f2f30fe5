/// The chain-loading exit status contract (coreutils `env`/`chroot`): a tool
/// that execs COMMAND exits with COMMAND's own status; these are its own.
public enum ExitStatus {
    /// The tool itself failed: bad usage, or a step (unshare, mount, …) failed.
    public static let failure: Int32 = 125
    /// COMMAND was found but could not be executed.
    public static let cannotExecute: Int32 = 126
    /// COMMAND was not found.
    public static let notFound: Int32 = 127
}
