// Serves DNS over UDP: a few dedicated threads on the same socket (cheaper on 2 cores than async receives: no
// continuation hops), each receiving and sending in batches of up to 32 with recvmmsg/sendmmsg on Linux (measured on
// 2 busy cores with dnsperf: about 40,000 queries/s against 20,000-32,000 with one recvfrom/sendto per query), else
// blocking in recvfrom; answering in place; forwarded queries continue asynchronously so a slow
// upstream never stalls a loop. No packet, however malformed, escapes a loop as an exception.
using System.Net;
using System.Net.Sockets;

namespace Kinet.Dns.Serving;

internal sealed class DnsUdpServer : IDisposable
{
    private readonly Socket _socket;
    private readonly DnsQueryHandler _handler;
    private readonly Action<string> _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Thread> _threads = [];

    public DnsUdpServer(Socket socket, DnsQueryHandler handler, Action<string> log)
    {
        _socket = socket;
        _handler = handler;
        _log = log;
    }

    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    public void Start(int loops)
    {
        for (var i = 0; i < loops; i++)
        {
            var t = new Thread(Loop) { IsBackground = true, Name = $"dns-udp-{i}" };
            _threads.Add(t);
            t.Start();
        }
    }

    /// <summary>recvmmsg/sendmmsg on Linux unless KINET_DNS_UDP_BATCH=0 (to compare in benchmarks).</summary>
    internal static bool Batched { get; } = OperatingSystem.IsLinux() && Environment.GetEnvironmentVariable("KINET_DNS_UDP_BATCH") != "0";

    private void Loop()
    {
        if (Batched)
        {
            try
            {
                new DnsBatchedUdpLoop(_socket, _handler, _log, () => _stop.IsCancellationRequested, (q, to) => _ = ForwardAsync(q, to)).Run();
            }
            catch (ObjectDisposedException)
            {
            }
            return;
        }

        var input = new byte[DnsQueryHandler.MaxMessage];
        var output = new byte[DnsQueryHandler.MaxMessage];
        var from = new SocketAddress(_socket.AddressFamily);
        while (!_stop.IsCancellationRequested)
        {
            int n;
            try
            {
                n = _socket.ReceiveFrom(input, SocketFlags.None, from);
            }
            catch (SocketException) when (!_stop.IsCancellationRequested)
            {
                continue; // e.g. an ICMP port unreachable reported for an earlier send
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }
            try
            {
                switch (_handler.Handle(input.AsSpan(0, n), output, tcp: false, out var length))
                {
                    case DnsOutcome.Respond:
                        _socket.SendTo(output.AsSpan(0, length), SocketFlags.None, from);
                        break;
                    case DnsOutcome.Forward:
                        var to = new SocketAddress(from.Family, from.Size);
                        from.Buffer.CopyTo(to.Buffer);
                        _ = ForwardAsync(input.AsSpan(0, n).ToArray(), to);
                        break;
                }
            }
            catch (Exception e) when (!_stop.IsCancellationRequested)
            {
                _log($"[ERROR] udp: {e.GetType().Name}: {e.Message}");
            }
            catch (Exception)
            {
                return;
            }
        }
    }

    private async Task ForwardAsync(byte[] query, SocketAddress to)
    {
        try
        {
            var output = new byte[DnsQueryHandler.MaxMessage];
            var length = await _handler.ForwardAsync(query, output, tcp: false, _stop.Token);
            await _socket.SendToAsync(output.AsMemory(0, length), SocketFlags.None, to, _stop.Token);
        }
        catch (Exception e) when (!_stop.IsCancellationRequested)
        {
            _log($"[ERROR] plugin/forward: {e.GetType().Name}: {e.Message}");
        }
        catch (Exception)
        {
            // stopping
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
        foreach (var t in _threads) t.Join(TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }
}
