import XCommandLine

ToolMain.run(XChroot.self)
