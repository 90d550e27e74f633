// A NETLINK_ROUTE socket bound to the network namespace of the thread that opened it, speaking request/ack: the few
// operations a pod sandbox needs (veth with its peer in another namespace, link up, IPv4 address, default route, link
// delete), so a pod costs no `ip` process, and the VXLAN FDB entries of a node. Blocking calls: used only on NetnsThread's dedicated threads.
using System.Buffers.Binary;
using System.Net;
using System.Runtime.InteropServices;
using Kinet.Node.Native;

namespace Kinet.Node.Network.Netlink;

internal sealed class RtNetlink : IDisposable
{
    private const int AfNetlink = 16;
    private const int SockRawCloexec = 3 | 0x80000;
    private const ushort NewLink = 16, DelLink = 17, NewAddr = 20, NewRoute = 24, NewNeigh = 28, Error = 2;
    private const ushort IflaIfname = 3, IflaMtu = 4, IflaMaster = 10, IflaLinkinfo = 18, IflaNetNsFd = 28;
    private const ushort InfoKind = 1, InfoData = 2, InfoSlaveKind = 4, InfoSlaveData = 5, VethPeer = 1, BrportMode = 4;
    private const ushort IfaAddress = 1, IfaLocal = 2, RtaOif = 4, RtaGateway = 5;
    private const ushort NdaDst = 1, NdaLladdr = 2;
    private const uint IffUp = 1;

    private readonly int fd;
    private uint sequence;

    /// <summary>Opens a socket in the calling thread's current network namespace.</summary>
    public RtNetlink()
    {
        fd = NetnsNative.Socket(AfNetlink, SockRawCloexec, 0);
        if (fd < 0)
            throw new IOException($"socket(AF_NETLINK): {Marshal.GetLastPInvokeErrorMessage()}");
    }

    /// <summary>The index of a link in the socket's namespace (the calling thread must be in the same namespace).</summary>
    public static int IndexOf(string name)
    {
        var index = NetnsNative.IfNameToIndex(name);
        if (index == 0)
            throw new IOException($"no link {name}: {Marshal.GetLastPInvokeErrorMessage()}");
        return (int)index;
    }

    /// <summary>Creates veth <paramref name="name"/> (up, on bridge <paramref name="masterIndex"/>) with its peer
    /// <paramref name="peerName"/> placed in the namespace <paramref name="peerNetnsFd"/>.</summary>
    public void AddVeth(string name, int mtu, int masterIndex, string peerName, int peerNetnsFd)
    {
        var m = new NetlinkMessage(NewLink, NetlinkMessage.FlagCreate | NetlinkMessage.FlagExclusive)
            .LinkHeader(0, IffUp, IffUp)
            .String(IflaIfname, name)
            .U32(IflaMtu, (uint)mtu)
            .U32(IflaMaster, (uint)masterIndex);
        var info = m.Begin(IflaLinkinfo);
        m.String(InfoKind, "veth");
        var data = m.Begin(InfoData);
        var peer = m.Begin(VethPeer);
        m.LinkHeader(0).String(IflaIfname, peerName).U32(IflaMtu, (uint)mtu).U32(IflaNetNsFd, (uint)peerNetnsFd);
        m.End(peer).End(data).End(info);
        Call(m, $"create veth {name}");
    }

    /// <summary>Turns hairpin mode on for a bridge port, so a pod's packet that the node sends back to the same pod (via
    /// its own Service) leaves the port it came in on, as the CNI bridge plugin's hairpinMode does.</summary>
    public void SetHairpin(int index)
    {
        var m = new NetlinkMessage(NewLink, 0).LinkHeader(index);
        var info = m.Begin(IflaLinkinfo);
        m.String(InfoSlaveKind, "bridge");
        var data = m.Begin(InfoSlaveData);
        m.Attribute(BrportMode, [1]);
        m.End(data).End(info);
        Call(m, $"hairpin on link {index}");
    }

    public void SetUp(int index) =>
        Call(new NetlinkMessage(NewLink, 0).LinkHeader(index, IffUp, IffUp), $"set link {index} up");

    public void AddAddress(int index, IPAddress address, int prefixLength) =>
        Call(new NetlinkMessage(NewAddr, NetlinkMessage.FlagCreate | NetlinkMessage.FlagReplace)
            .AddressHeader(index, prefixLength).Address(IfaLocal, address).Address(IfaAddress, address),
            $"add address {address}/{prefixLength}");

    public void ReplaceDefaultRoute(IPAddress gateway, int index) =>
        Call(new NetlinkMessage(NewRoute, NetlinkMessage.FlagCreate | NetlinkMessage.FlagReplace)
            .RouteHeader(0).Address(RtaGateway, gateway).U32(RtaOif, (uint)index),
            $"default route via {gateway}");

    /// <summary>Sends frames for <paramref name="mac"/> on the VXLAN device to the remote VTEP <paramref name="remote"/>
    /// (Flannel's per-node FDB entry).</summary>
    public void ReplaceFdb(int index, string mac, IPAddress remote) =>
        Call(new NetlinkMessage(NewNeigh, NetlinkMessage.FlagCreate | NetlinkMessage.FlagReplace)
            .FdbHeader(index).Attribute(NdaLladdr, Convert.FromHexString(mac.Replace(":", "", StringComparison.Ordinal)))
            .Address(NdaDst, remote), $"fdb {mac} dst {remote}");

    public void DeleteLink(int index) =>
        Call(new NetlinkMessage(DelLink, 0).LinkHeader(index), $"delete link {index}");

    public void Dispose() => NetnsNative.Close(fd);

    private unsafe void Call(NetlinkMessage message, string what)
    {
        var request = message.Finish(++sequence);
        fixed (byte* p = request)
            if (NetnsNative.Send(fd, p, request.Length, 0) != request.Length)
                throw new IOException($"netlink {what}: send: {Marshal.GetLastPInvokeErrorMessage()}");
        Span<byte> reply = stackalloc byte[8192];
        while (true)
        {
            nint received;
            fixed (byte* p = reply)
                received = NetnsNative.Recv(fd, p, reply.Length, 0);
            if (received < 0)
                throw new IOException($"netlink {what}: recv: {Marshal.GetLastPInvokeErrorMessage()}");
            for (var at = 0; at + 16 <= received;)
            {
                var length = BinaryPrimitives.ReadInt32LittleEndian(reply[at..]);
                var type = BinaryPrimitives.ReadUInt16LittleEndian(reply[(at + 4)..]);
                var seq = BinaryPrimitives.ReadUInt32LittleEndian(reply[(at + 8)..]);
                if (type == Error && seq == sequence)
                {
                    var errno = -BinaryPrimitives.ReadInt32LittleEndian(reply[(at + 16)..]);
                    if (errno == 0)
                        return;
                    throw new NetlinkException(what, errno);
                }
                if (length < 16)
                    break;
                at += (length + 3) & ~3;
            }
        }
    }
}
