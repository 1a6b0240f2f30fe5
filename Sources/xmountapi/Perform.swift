import Glibc
import XCommandLine
import XCore
import XMount

extension XMountAPI {
    func perform() throws(XError) -> Never {
        guard let propagation = Propagation(rawValue: propagation) else {
            throw XError.usage("--propagation: \(quoted(self.propagation)) is not private, slave, shared or unchanged")
        }
        let steps = try MountPlan.steps(stepOptions)
        try refuseInitialMountNamespace()

        let root: RootDirectory
        switch RootDirectory.open(self.root) {
        case .success(let opened): root = opened
        case .failure(let failure):
            throw XError.step("--root: cannot open", self.root, errno: failure.errno)
        }
        let run = MountRun(root: root, propagation: propagation, deviceWait: deviceWait)
        try run.perform(steps)
        if let containerName {
            // The init reads these from its environment: they go to COMMAND.
            let uuid: String
            do {
                uuid = try ContainerIdentity.uuid(machineID: ContainerIdentity.machineID(in: root))
            } catch {
                run.undo.undoAll()
                throw error
            }
            Environment.set("container", containerName)
            Environment.set("container_uuid", uuid)
        }
        if command.isEmpty {
            if Trace.isDryRun { Trace.line("no COMMAND: exit 0") }
            Glibc.exit(0)
        }
        do {
            try NextLink.exec(command)
        } catch {
            // COMMAND never ran: what was mounted for it goes, with the
            // mount points made for it (they would stay on disk).
            run.undo.undoAll()
            throw error
        }
    }

    /// Mounting in the host's mount namespace would change the machine, not
    /// a sandbox: refuse unless --force, and when unsure.
    func refuseInitialMountNamespace() throws(XError) {
        if initramfs {
            // The initial mount namespace is where an initramfs works; what
            // tells one from a running system is its ramfs or tmpfs root.
            guard force || fileSystemType("/").map(isRAMFileSystem) == true else {
                throw XError("--initramfs: refusing to mount over the API file systems of a running system: the root is not a ramfs or tmpfs",
                             hint: "--initramfs is for an initramfs /init; in a container use --api (or --force)")
            }
            return
        }
        try MountNamespace.refuseInitial("mount", force: force,
                                         hint: "run it in a new mount namespace: xunshare --mount -- xmountapi … (or --force)")
    }
}
