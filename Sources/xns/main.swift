import XCommandLine
import xchroot
import xmountapi
import xnsenter
import xunshare
import xveth

// The five tools are one binary (see Multicall): a chain of them runs in one
// process, started once.
Multicall.run([xunshareTool, xnsenterTool, xchrootTool, xmountapiTool, xvethTool])
