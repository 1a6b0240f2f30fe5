import XCommandLine

ToolMain.run(XNsenter.self)
