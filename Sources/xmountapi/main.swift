import XCommandLine

ToolMain.run(XMountAPI.self)
