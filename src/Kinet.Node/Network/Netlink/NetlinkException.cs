// The kernel refused a netlink request: what was asked and the errno it answered (e.g. 17 EEXIST, 19 ENODEV).
using System.Runtime.InteropServices;

namespace Kinet.Node.Network.Netlink;

internal sealed class NetlinkException(string what, int errno)
    : IOException($"netlink {what}: {Marshal.GetPInvokeErrorMessage(errno)}")
{
    public int Errno { get; } = errno;
}
