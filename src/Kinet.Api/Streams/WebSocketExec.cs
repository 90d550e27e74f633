// exec and attach over a WebSocket with the v4/v5 channel protocol: each binary message is a channel byte and a payload
// (0 stdin, 1 stdout, 2 stderr, 3 status, 4 resize, 255 v5's "close this channel"). The session ends with the Status on
// channel 3 and a Close 1000, which is what kubectl needs to exit with the command's code. Pings are answered by the
// WebSocket while the receive loop waits; nothing here holds a thread while idle.
using System.Net.WebSockets;
using System.Text.Json;

namespace Kinet.Api.Streams;

internal sealed class WebSocketExec(WebSocket ws, bool v5)
{
    public const string V5 = "v5.channel.k8s.io";
    public const string V4 = "v4.channel.k8s.io";
    public static readonly string[] Protocols = [V5, V4];

    private const byte StdinChannel = 0, StdoutChannel = 1, StderrChannel = 2, ErrorChannel = 3, ResizeChannel = 4, CloseChannel = 255;
    private static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _send = new(1, 1);

    public async Task RunAsync(ExecRequest request, IPodStreams streams, CancellationToken aborted)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        IStreamSession session;
        try
        {
            session = await request.StartAsync(streams, cts.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await EndAsync(StreamStatus.Failure(e), null);
            return;
        }
        await using (session)
        {
            var receive = ReceiveAsync(session, cts.Token);
            var stdout = PumpAsync(session.Stdout, request.Stdout ? StdoutChannel : null, cts.Token);
            var stderr = session.Stderr is { } err ? PumpAsync(err, request.Stderr ? StderrChannel : null, cts.Token) : Task.CompletedTask;
            if (await Task.WhenAny(session.ExitCode, receive) == receive && !session.ExitCode.IsCompleted)
            {
                // The client went away first: stop pumping (the pumps end once the session is disposed, which ends an
                // exec and detaches an attach).
                await cts.CancelAsync();
                ws.Dispose();
                return;
            }
            var code = await session.ExitCode;
            // All output goes out before the status; a process's leftover child holding the pipe open must not keep the
            // session alive once the client has gone.
            await Task.WhenAny(Task.WhenAll(stdout, stderr), receive);
            await EndAsync(StreamStatus.Exit(code, request), receive);
            await cts.CancelAsync();
        }
    }

    /// <summary>Sends the status on the error channel, then Close 1000, then waits (briefly) for the client's Close.</summary>
    private async Task EndAsync(byte[] status, Task? receive)
    {
        try
        {
            await SendAsync(ErrorChannel, status, CancellationToken.None);
            await _send.WaitAsync();
            try { await ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None); }
            finally { _send.Release(); }
            receive ??= DrainAsync();
            await Task.WhenAny(receive, Task.Delay(CloseWait));
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException) { }
        finally { ws.Abort(); ws.Dispose(); }
    }

    private async Task DrainAsync()
    {
        var buffer = new byte[1024];
        try
        {
            while (ws.State is WebSocketState.Open or WebSocketState.CloseSent)
                if ((await ws.ReceiveAsync(buffer, CancellationToken.None)).MessageType == WebSocketMessageType.Close) return;
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException) { }
    }

    private async Task PumpAsync(Stream source, byte? channel, CancellationToken ct)
    {
        var buffer = new byte[32 * 1024];
        try
        {
            while (true)
            {
                var n = await source.ReadAsync(buffer.AsMemory(1), ct);
                if (n == 0) return;
                if (channel is { } c) await SendAsync(c, buffer.AsMemory(1, n), ct);
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException) { }
    }

    private async Task SendAsync(byte channel, ReadOnlyMemory<byte> payload, CancellationToken ct)
    {
        var message = new byte[payload.Length + 1];
        message[0] = channel;
        payload.CopyTo(message.AsMemory(1));
        await _send.WaitAsync(ct);
        try { await ws.SendAsync(message, WebSocketMessageType.Binary, endOfMessage: true, ct); }
        finally { _send.Release(); }
    }

    /// <summary>Reads the client's messages until it closes: stdin, resize and v5's close-stdin signal.</summary>
    private async Task ReceiveAsync(IStreamSession session, CancellationToken ct)
    {
        var buffer = new byte[32 * 1024];
        var message = new MemoryStream();
        try
        {
            while (true)
            {
                var r = await ws.ReceiveAsync(buffer, ct);
                if (r.MessageType == WebSocketMessageType.Close) return;
                message.Write(buffer, 0, r.Count);
                if (!r.EndOfMessage) continue;
                var m = message.ToArray();
                message.SetLength(0);
                if (m.Length == 0) continue;
                await OnMessageAsync(session, m[0], m.AsMemory(1), ct);
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException) { }
    }

    private async Task OnMessageAsync(IStreamSession session, byte channel, ReadOnlyMemory<byte> payload, CancellationToken ct)
    {
        switch (channel)
        {
            case StdinChannel when session.Stdin is { } stdin && payload.Length > 0:
                try
                {
                    await stdin.WriteAsync(payload, ct);
                    await stdin.FlushAsync(ct);
                }
                catch (IOException) { } // the process closed its stdin
                break;
            case ResizeChannel:
                if (TerminalSize.TryParse(payload.Span, out var w, out var h)) session.Resize(w, h);
                break;
            case CloseChannel when v5 && payload.Length > 0 && payload.Span[0] == StdinChannel:
                session.CloseStdin();
                break;
        }
    }
}
