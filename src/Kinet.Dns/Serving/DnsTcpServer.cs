// Serves DNS over TCP: length-framed messages, several per connection, the connection closed after an idle period
// (miekg/dns: 8 s) and when too many are open; forwarded queries are relayed over TCP.
using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Kinet.Dns.Serving;

internal sealed class DnsTcpServer : IDisposable
{
    public const int MaxConnections = 1024;

    private readonly Socket _listener;
    private readonly DnsQueryHandler _handler;
    private readonly Action<string> _log;
    private readonly CancellationTokenSource _stop = new();
    private int _connections;
    private Task _accept = Task.CompletedTask;

    public DnsTcpServer(Socket listener, DnsQueryHandler handler, Action<string> log)
    {
        _listener = listener;
        _handler = handler;
        _log = log;
    }

    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(8);

    public IPEndPoint LocalEndPoint => (IPEndPoint)_listener.LocalEndPoint!;

    public void Start() => _accept = AcceptLoopAsync();

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException e)
            {
                _log($"[ERROR] tcp accept: {e.Message}");
                await Task.Delay(10);
                continue;
            }
            if (Interlocked.Increment(ref _connections) > MaxConnections)
            {
                Interlocked.Decrement(ref _connections);
                client.Dispose();
                continue;
            }
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        var input = ArrayPool<byte>.Shared.Rent(DnsQueryHandler.MaxMessage);
        var output = ArrayPool<byte>.Shared.Rent(DnsQueryHandler.MaxMessage + 2);
        var body = ArrayPool<byte>.Shared.Rent(DnsQueryHandler.MaxMessage);
        try
        {
            using (client)
            {
                while (!_stop.IsCancellationRequested)
                {
                    using var idle = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                    idle.CancelAfter(IdleTimeout);
                    if (!await TcpFraming.ReadExactlyAsync(client, input.AsMemory(0, 2), idle.Token)) return;
                    var n = BinaryPrimitives.ReadUInt16BigEndian(input);
                    if (!await TcpFraming.ReadExactlyAsync(client, input.AsMemory(0, n), idle.Token)) return;
                    int length;
                    switch (_handler.Handle(input.AsSpan(0, n), body, tcp: true, out length))
                    {
                        case DnsOutcome.Drop:
                            continue;
                        case DnsOutcome.Forward:
                            length = await _handler.ForwardAsync(input.AsMemory(0, n).ToArray(), body, tcp: true, _stop.Token);
                            break;
                    }
                    BinaryPrimitives.WriteUInt16BigEndian(output, (ushort)length);
                    body.AsSpan(0, length).CopyTo(output.AsSpan(2));
                    await client.SendAsync(output.AsMemory(0, length + 2), SocketFlags.None, _stop.Token);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // idle timeout, peer gone, or stopping
        }
        catch (Exception e)
        {
            _log($"[ERROR] tcp: {e.GetType().Name}: {e.Message}");
        }
        finally
        {
            Interlocked.Decrement(ref _connections);
            ArrayPool<byte>.Shared.Return(input);
            ArrayPool<byte>.Shared.Return(output);
            ArrayPool<byte>.Shared.Return(body);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        try { _accept.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        _stop.Dispose();
    }
}
