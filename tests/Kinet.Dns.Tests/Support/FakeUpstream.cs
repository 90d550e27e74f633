// An upstream resolver on 127.0.0.1 (UDP and TCP on one port) that answers every query with one A record, optionally
// truncated over UDP, or stays silent; it counts what it received per transport.
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Kinet.Dns.Tests.Support;

internal sealed class FakeUpstream : IDisposable
{
    private readonly Socket _udp = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly Socket _tcp = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly CancellationTokenSource _stop = new();

    public FakeUpstream(bool truncateUdp = false, bool silent = false)
    {
        _udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _tcp.Bind(new IPEndPoint(IPAddress.Loopback, ((IPEndPoint)_udp.LocalEndPoint!).Port));
        _tcp.Listen();
        TruncateUdp = truncateUdp;
        Silent = silent;
        _ = UdpLoop();
        _ = TcpLoop();
    }

    public bool TruncateUdp { get; }
    public bool Silent { get; }
    public IPEndPoint EndPoint => (IPEndPoint)_udp.LocalEndPoint!;
    public int UdpQueries;
    public int TcpQueries;

    private async Task UdpLoop()
    {
        var buffer = new byte[65535];
        try
        {
            while (true)
            {
                var r = await _udp.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), _stop.Token);
                Interlocked.Increment(ref UdpQueries);
                if (Silent) continue;
                await _udp.SendToAsync(Answer(buffer[..r.ReceivedBytes], TruncateUdp), SocketFlags.None, r.RemoteEndPoint, _stop.Token);
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested) { }
    }

    private async Task TcpLoop()
    {
        try
        {
            while (true)
            {
                using var client = await _tcp.AcceptAsync(_stop.Token);
                var length = new byte[2];
                await client.ReceiveAsync(length, SocketFlags.None, _stop.Token);
                var query = new byte[BinaryPrimitives.ReadUInt16BigEndian(length)];
                var read = 0;
                while (read < query.Length) read += await client.ReceiveAsync(query.AsMemory(read), SocketFlags.None, _stop.Token);
                Interlocked.Increment(ref TcpQueries);
                if (Silent) continue;
                var answer = Answer(query, truncated: false);
                var framed = new byte[answer.Length + 2];
                BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)answer.Length);
                answer.CopyTo(framed, 2);
                await client.SendAsync(framed, SocketFlags.None, _stop.Token);
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested) { }
    }

    /// <summary>The question echoed, RA set, and `&lt;name&gt; 60 IN A 192.0.2.1` (nothing when truncated).</summary>
    private static byte[] Answer(byte[] query, bool truncated)
    {
        var nameEnd = 12;
        while (query[nameEnd] != 0) nameEnd += query[nameEnd] + 1;
        var questionEnd = nameEnd + 5;
        var response = new List<byte>(query[..questionEnd]);
        response[2] = (byte)(0x80 | (query[2] & 0x01) | (truncated ? 0x02 : 0));
        response[3] = 0x80;
        response[10] = response[11] = 0;
        if (!truncated)
        {
            response[7] = 1;
            response.AddRange([0xC0, 0x0C, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 1]);
        }
        return [.. response];
    }

    public void Dispose()
    {
        _stop.Cancel();
        _udp.Dispose();
        _tcp.Dispose();
    }
}
