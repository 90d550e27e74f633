// Builds one rtnetlink request (struct nlmsghdr + a fixed header + attributes, 4-byte aligned, nests by patching their
// length), as described in rtnetlink(7). Only what the pod plumbing sends: links, addresses, routes.
using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace Kinet.Node.Network.Netlink;

internal sealed class NetlinkMessage
{
    public const ushort FlagRequest = 0x1;
    public const ushort FlagAck = 0x4;
    public const ushort FlagReplace = 0x100;
    public const ushort FlagExclusive = 0x200;
    public const ushort FlagCreate = 0x400;

    private byte[] buffer = new byte[256];
    private int length;

    public NetlinkMessage(ushort type, ushort flags)
    {
        length = 16;
        BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(4), type);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(6), (ushort)(flags | FlagRequest | FlagAck));
    }

    /// <summary>struct ifinfomsg: family, type, index, flags, change.</summary>
    public NetlinkMessage LinkHeader(int index, uint flags = 0, uint change = 0)
    {
        var at = Grow(16);
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(at + 4), index);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(at + 8), flags);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(at + 12), change);
        return this;
    }

    /// <summary>struct ifaddrmsg for an IPv4 address.</summary>
    public NetlinkMessage AddressHeader(int index, int prefixLength)
    {
        var at = Grow(8);
        buffer[at] = 2; // AF_INET
        buffer[at + 1] = (byte)prefixLength;
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(at + 4), index);
        return this;
    }

    /// <summary>struct rtmsg for an IPv4 unicast route in the main table, as `ip route` adds it (proto boot).</summary>
    public NetlinkMessage RouteHeader(int destinationLength)
    {
        var at = Grow(12);
        buffer[at] = 2; // AF_INET
        buffer[at + 1] = (byte)destinationLength;
        buffer[at + 4] = 254; // RT_TABLE_MAIN
        buffer[at + 5] = 3; // RTPROT_BOOT
        buffer[at + 6] = 0; // RT_SCOPE_UNIVERSE
        buffer[at + 7] = 1; // RTN_UNICAST
        return this;
    }

    /// <summary>struct ndmsg for a permanent bridge FDB entry on the device itself (`bridge fdb ... self permanent`).</summary>
    public NetlinkMessage FdbHeader(int index)
    {
        var at = Grow(12);
        buffer[at] = 7; // AF_BRIDGE
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(at + 4), index);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(at + 8), 0x80); // NUD_PERMANENT
        buffer[at + 10] = 0x02; // NTF_SELF
        return this;
    }

    public NetlinkMessage U32(ushort type, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return Attribute(type, bytes);
    }

    public NetlinkMessage String(ushort type, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value + "\0");
        return Attribute(type, bytes);
    }

    public NetlinkMessage Address(ushort type, IPAddress address) => Attribute(type, address.GetAddressBytes());

    public NetlinkMessage Attribute(ushort type, ReadOnlySpan<byte> value)
    {
        var at = Grow(Align(4 + value.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(at), (ushort)(4 + value.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(at + 2), type);
        value.CopyTo(buffer.AsSpan(at + 4));
        return this;
    }

    /// <summary>Starts a nested attribute; <see cref="End"/> with the returned position closes it.</summary>
    public int Begin(ushort type)
    {
        var at = Grow(4);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(at + 2), type);
        return at;
    }

    public NetlinkMessage End(int begin)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(begin), (ushort)(length - begin));
        return this;
    }

    /// <summary>The finished message with its sequence number.</summary>
    public ReadOnlySpan<byte> Finish(uint sequence)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(0), (uint)length);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(8), sequence);
        return buffer.AsSpan(0, length);
    }

    private static int Align(int n) => (n + 3) & ~3;

    private int Grow(int bytes)
    {
        if (length + bytes > buffer.Length)
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, length + bytes));
        var at = length;
        buffer.AsSpan(at, bytes).Clear();
        length += bytes;
        return at;
    }
}
