import XCommandLine

ToolMain.run(XUnshare.self)
