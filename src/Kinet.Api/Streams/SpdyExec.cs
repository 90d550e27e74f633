// exec and attach over SPDY/3.1, kubectl's fallback when the WebSocket upgrade fails: the client opens one stream per
// standard stream (header `streamtype`: error, stdin, stdout, stderr, resize); stdout and stderr end with FIN, the Status
// goes on the error stream (JSON from v4 on, plain text before), then the client closes the connection.
using System.Text;
using Kinet.Api.Streams.Spdy;

namespace Kinet.Api.Streams;

internal sealed class SpdyExec(SpdyConnection connection, string protocol)
{
    public static readonly string[] Protocols = ["v5.channel.k8s.io", "v4.channel.k8s.io", "v3.channel.k8s.io", "v2.channel.k8s.io"];
    private static readonly TimeSpan StreamWait = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(5);

    private bool JsonStatus => protocol is "v5.channel.k8s.io" or "v4.channel.k8s.io";

    public async Task RunAsync(ExecRequest request, IPodStreams streams, CancellationToken aborted)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var run = connection.RunAsync(cts.Token);
        var s = await CollectAsync(request, cts.Token);
        if (s is null || !s.TryGetValue("error", out var error))
        {
            await cts.CancelAsync();
            await run;
            return;
        }
        IStreamSession session;
        try
        {
            session = await request.StartAsync(streams, cts.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await EndAsync(error, s, StatusFor(e), run, cts);
            return;
        }
        await using (session)
        {
            var pumps = new List<Task>
            {
                PumpAsync(session.Stdout, s.GetValueOrDefault("stdout"), cts.Token),
                session.Stderr is { } err ? PumpAsync(err, s.GetValueOrDefault("stderr"), cts.Token) : Task.CompletedTask,
            };
            if (s.TryGetValue("stdin", out var stdin)) _ = StdinAsync(stdin, session, cts.Token);
            if (s.TryGetValue("resize", out var resize)) _ = ResizeAsync(resize, session, cts.Token);
            if (await Task.WhenAny(session.ExitCode, run) == run && !session.ExitCode.IsCompleted)
            {
                // The client went away first; the pumps end once the session is disposed.
                await cts.CancelAsync();
                return;
            }
            var code = await session.ExitCode;
            await Task.WhenAny(Task.WhenAll(pumps), run);
            await EndAsync(error, s, code == 0 ? (JsonStatus ? StreamStatus.Success() : []) : ExitStatus(code, request), run, cts);
        }
    }

    private byte[] StatusFor(Exception e) => JsonStatus ? StreamStatus.Failure(e) : Encoding.UTF8.GetBytes(e.Message);

    private byte[] ExitStatus(int code, ExecRequest request) =>
        JsonStatus ? StreamStatus.Exit(code, request) : Encoding.UTF8.GetBytes($"command terminated with non-zero exit code: {code}");

    /// <summary>Replies to the client's streams until those the request needs are all open.</summary>
    private async Task<Dictionary<string, SpdyStream>?> CollectAsync(ExecRequest request, CancellationToken ct)
    {
        var wanted = new HashSet<string> { "error" };
        if (request.Stdin) wanted.Add("stdin");
        if (request.Stdout) wanted.Add("stdout");
        if (request.Stderr) wanted.Add("stderr");
        if (request.Tty && protocol != "v2.channel.k8s.io") wanted.Add("resize");
        var found = new Dictionary<string, SpdyStream>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(StreamWait);
        try
        {
            while (!wanted.IsSubsetOf(found.Keys))
            {
                var stream = await connection.Opened.ReadAsync(timeout.Token);
                var type = stream.Header("streamtype");
                if (type.Length == 0 || found.ContainsKey(type))
                {
                    await stream.ResetAsync(SpdyFrameType.RstProtocolError, ct);
                    continue;
                }
                await stream.ReplyAsync(ct);
                found[type] = stream;
            }
            return found;
        }
        catch (Exception e) when (e is OperationCanceledException or System.Threading.Channels.ChannelClosedException)
        {
            return null;
        }
    }

    private async Task EndAsync(SpdyStream error, Dictionary<string, SpdyStream> all, byte[] status, Task run, CancellationTokenSource cts)
    {
        if (status.Length > 0) await error.WriteAsync(status);
        await error.CloseAsync();
        foreach (var (type, stream) in all)
            if (type is "stdout" or "stderr") await stream.CloseAsync();
        // The client closes the connection once it has read everything; one that does not is told GOAWAY.
        await Task.WhenAny(run, Task.Delay(CloseWait));
        if (!run.IsCompleted) await connection.SendGoAwayAsync(CancellationToken.None);
        await cts.CancelAsync();
        await run;
    }

    private static async Task PumpAsync(Stream source, SpdyStream? target, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var n = await source.ReadAsync(buffer, ct);
                if (n == 0) break;
                if (target is not null) await target.WriteAsync(buffer.AsMemory(0, n), ct);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException) { }
        if (target is not null) await target.CloseAsync(CancellationToken.None);
    }

    private static async Task StdinAsync(SpdyStream stdin, IStreamSession session, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var n = await stdin.Input.ReadAsync(buffer, ct);
                if (n == 0) break;
                if (session.Stdin is null) continue;
                await session.Stdin.WriteAsync(buffer.AsMemory(0, n), ct);
                await session.Stdin.FlushAsync(ct);
            }
            session.CloseStdin();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException) { }
    }

    private static async Task ResizeAsync(SpdyStream resize, IStreamSession session, CancellationToken ct)
    {
        // A stream of JSON objects, one per line (Go's json.Encoder).
        using var reader = new StreamReader(resize.Input, Encoding.UTF8);
        try
        {
            while (await reader.ReadLineAsync(ct) is { } line)
                if (TerminalSize.TryParse(Encoding.UTF8.GetBytes(line), out var w, out var h)) session.Resize(w, h);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException) { }
    }
}
