import XCommandLine
import xchroot
import xmountapi
import xnsenter
import xunshare
import xveth

// The five tools are one binary (see Multicall): a chain of them runs in one
// process, started once. Under the classic names it is util-linux's and
// coreutils' tools instead (ClassicMain).
Multicall.run([xunshareTool, xnsenterTool, xchrootTool, xmountapiTool, xvethTool],
              classic: [unsharePersonality, nsenterPersonality, chrootPersonality, switchRootPersonality, pivotRootPersonality])
