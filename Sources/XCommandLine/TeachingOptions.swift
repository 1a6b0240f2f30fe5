import ArgumentParser

/// `--trace` and `--dry-run`: every tool has them, with the same meaning.
public struct TeachingOptions: ParsableArguments {
    @Flag(help: "Print each system call on stderr as it is made. XNS_TRACE=1 in the environment does the same, for every link of a chain.")
    public var trace = false

    @Flag(help: "Print the system calls that would change something instead of making them; go on through the next link if it is another x-tool; print the final COMMAND instead of running it. XNS_DRY_RUN=1 does the same.")
    public var dryRun = false

    public init() {}
}
