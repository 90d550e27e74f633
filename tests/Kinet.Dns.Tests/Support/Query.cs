// Builds query packets by hand, for tests that must control every byte.
using System.Buffers.Binary;
using Kinet.Dns.Wire;

namespace Kinet.Dns.Tests.Support;

internal static class Query
{
    public static byte[] Build(string name, ushort type = 1, ushort id = 0x1234, ushort flags = 0x0100, ushort? ednsSize = null, bool dnssecOk = false)
    {
        var bytes = new List<byte>();
        void U16(int v) { bytes.Add((byte)(v >> 8)); bytes.Add((byte)v); }
        U16(id);
        U16(flags);
        U16(1);
        U16(0);
        U16(0);
        U16(ednsSize is null ? 0 : 1);
        foreach (var label in DnsName.Labels(name))
        {
            bytes.Add((byte)label.Length);
            bytes.AddRange(label);
        }
        bytes.Add(0);
        U16(type);
        U16(1);
        if (ednsSize is { } size)
        {
            bytes.Add(0);
            U16(41);
            U16(size);
            U16(0);
            U16(dnssecOk ? 0x8000 : 0);
            U16(0);
        }
        return [.. bytes];
    }

    public static ushort Rcode(byte[] response) => (ushort)(response[3] & 0xF);
    public static ushort Count(byte[] response, int section) => BinaryPrimitives.ReadUInt16BigEndian(response.AsSpan(4 + 2 * section));
    public static bool Flag(byte[] response, int mask) => (BinaryPrimitives.ReadUInt16BigEndian(response.AsSpan(2)) & mask) != 0;
}
