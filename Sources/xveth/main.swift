import XCommandLine

ToolMain.run(XVeth.self)
