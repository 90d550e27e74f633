// CoreDNS's `forward` plugin, reduced: relay the query unchanged to each upstream in turn (UDP, or TCP when the client
// used TCP), retry over TCP when the UDP answer is truncated, give up on an upstream after a timeout. Sockets come
// from the server's factory, so inside a pod they are made in the pod's network namespace.
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Kinet.Dns.Serving;

internal sealed class DnsForwarder(Func<AddressFamily, SocketType, ProtocolType, Socket> socketFactory, Action<string> log)
{
    /// <summary>Per upstream and attempt (CoreDNS's forward waits up to 2 s for a UDP read).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The upstream's response, or null when none answered (the caller replies SERVFAIL).</summary>
    public async Task<byte[]?> ExchangeAsync(ReadOnlyMemory<byte> query, bool tcp, IReadOnlyList<IPEndPoint> upstreams, CancellationToken ct)
    {
        if (query.Length < 12) return null;
        var id = BinaryPrimitives.ReadUInt16BigEndian(query.Span);
        foreach (var upstream in upstreams)
        {
            try
            {
                var response = tcp ? null : await UdpAsync(query, id, upstream, ct);
                if (response is null || (response[2] & 0x02) != 0) response = await TcpAsync(query, id, upstream, ct);
                if (response is not null) return response;
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or IOException && !ct.IsCancellationRequested)
            {
                log($"[ERROR] plugin/forward: {upstream}: {e.Message}");
            }
        }
        return null;
    }

    private async Task<byte[]?> UdpAsync(ReadOnlyMemory<byte> query, ushort id, IPEndPoint upstream, CancellationToken ct)
    {
        using var socket = socketFactory(upstream.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        await socket.ConnectAsync(upstream, timeout.Token);
        await socket.SendAsync(query, SocketFlags.None, timeout.Token);
        var buffer = new byte[65535];
        while (true)
        {
            int n;
            try
            {
                n = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                log($"[ERROR] plugin/forward: {upstream}: i/o timeout");
                return null;
            }
            // Only the answer to this query (same ID, QR set) counts; anything else on the socket is ignored.
            if (n >= 12 && BinaryPrimitives.ReadUInt16BigEndian(buffer) == id && (buffer[2] & 0x80) != 0) return buffer[..n];
        }
    }

    private async Task<byte[]?> TcpAsync(ReadOnlyMemory<byte> query, ushort id, IPEndPoint upstream, CancellationToken ct)
    {
        using var socket = socketFactory(upstream.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        try
        {
            await socket.ConnectAsync(upstream, timeout.Token);
            var framed = new byte[query.Length + 2];
            BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)query.Length);
            query.CopyTo(framed.AsMemory(2));
            await socket.SendAsync(framed, SocketFlags.None, timeout.Token);
            var length = new byte[2];
            if (!await TcpFraming.ReadExactlyAsync(socket, length, timeout.Token)) return null;
            var response = new byte[BinaryPrimitives.ReadUInt16BigEndian(length)];
            if (!await TcpFraming.ReadExactlyAsync(socket, response, timeout.Token)) return null;
            return response.Length >= 12 && BinaryPrimitives.ReadUInt16BigEndian(response) == id ? response : null;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            log($"[ERROR] plugin/forward: {upstream}: i/o timeout (tcp)");
            return null;
        }
    }
}
