// port-forward over SPDY/3.1 (raw, or tunnelled in WebSocket binary messages): for each local connection kubectl opens
// an error stream and a data stream with the same `requestid` and the pod `port`; both get a SYN_REPLY, the data is
// relayed to 127.0.0.1:port in the pod, and the error stream is FINed at the end (kubectl waits for it). A failure is
// written on the error stream, which kubectl prints as `an error occurred forwarding L -> R: <message>`.
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Kinet.Api.Streams.Spdy;

namespace Kinet.Api.Streams;

internal sealed class PortForwarder(SpdyConnection connection, JsonObject pod, IPodStreams streams)
{
    public const string Protocol = "portforward.k8s.io";
    public const string TunnelProtocol = "SPDY/3.1+portforward.k8s.io";

    private readonly Dictionary<string, (SpdyStream? Error, SpdyStream? Data)> _pairs = [];

    public async Task RunAsync(CancellationToken aborted)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var run = connection.RunAsync(cts.Token);
        var forwards = new List<Task>();
        try
        {
            await foreach (var stream in connection.Opened.ReadAllAsync(cts.Token))
            {
                if (await AcceptAsync(stream, cts.Token) is { } pair) forwards.Add(ForwardAsync(pair.Error, pair.Data, cts.Token));
                forwards.RemoveAll(t => t.IsCompleted);
            }
        }
        catch (OperationCanceledException) { }
        await cts.CancelAsync();
        await Task.WhenAll(forwards);
        await run;
    }

    /// <summary>Checks and answers one stream; returns the pair once both streams of a request are open.</summary>
    private async Task<(SpdyStream Error, SpdyStream Data)?> AcceptAsync(SpdyStream stream, CancellationToken ct)
    {
        var type = stream.Header("streamtype");
        var id = stream.Header("requestid");
        if (type is not ("error" or "data") || !int.TryParse(stream.Header("port"), out var port) || port is < 1 or > 65535)
        {
            await stream.ResetAsync(SpdyFrameType.RstRefusedStream, ct);
            return null;
        }
        await stream.ReplyAsync(ct);
        _pairs.TryGetValue(id, out var p);
        p = type == "error" ? (stream, p.Data) : (p.Error, stream);
        if (p.Error is null || p.Data is null)
        {
            _pairs[id] = p;
            return null;
        }
        _pairs.Remove(id);
        return (p.Error, p.Data);
    }

    private async Task ForwardAsync(SpdyStream error, SpdyStream data, CancellationToken ct)
    {
        var port = int.Parse(data.Header("port"), System.Globalization.CultureInfo.InvariantCulture);
        Stream target;
        try
        {
            target = await streams.PortForwardAsync(pod, port, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var meta = pod["metadata"];
            var message = $"error forwarding port {port} to pod {meta?["name"]}_{meta?["namespace"]}, uid {meta?["uid"]}: {e.Message}";
            await error.WriteAsync(Encoding.UTF8.GetBytes(message), CancellationToken.None);
            await error.CloseAsync(CancellationToken.None);
            await data.CloseAsync(CancellationToken.None);
            return;
        }
        await using (target)
        {
            using var done = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var up = UpAsync(data, target, done.Token);
            var down = DownAsync(target, data, done.Token);
            // Over when the pod side has closed, or the client has reset the data stream.
            await Task.WhenAny(down, data.Reset);
            await done.CancelAsync();
            await Task.WhenAll(up, down);
            await data.CloseAsync(CancellationToken.None);
            await error.CloseAsync(CancellationToken.None);
        }
    }

    private static async Task UpAsync(SpdyStream from, Stream to, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var n = await from.Input.ReadAsync(buffer, ct);
                if (n == 0) break;
                await to.WriteAsync(buffer.AsMemory(0, n), ct);
                await to.FlushAsync(ct);
            }
            // The client finished sending: pass the half-close on when the pod side is a socket.
            if (to is NetworkStream ns) ns.Socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or SocketException) { }
    }

    private static async Task DownAsync(Stream from, SpdyStream to, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var n = await from.ReadAsync(buffer, ct);
                if (n == 0) break;
                await to.WriteAsync(buffer.AsMemory(0, n), ct);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or SocketException) { }
    }
}
