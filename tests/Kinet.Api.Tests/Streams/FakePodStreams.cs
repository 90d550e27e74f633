// A node agent for stream tests: exec runs the command as a host process (no pty), attach runs `echo attached; cat`,
// logs come from a scripted list per container, and port-forward connects to local TCP servers the test names per pod port.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Kinet.Api.Streams;

namespace Kinet.Api.Tests.Streams;

public sealed class FakePodStreams : IPodStreams
{
    /// <summary>Log lines per container name: (time, text), oldest first; "previous" for the last terminated instance.</summary>
    public ConcurrentDictionary<string, IReadOnlyList<(DateTimeOffset Time, string Line)>> Logs { get; } = new();
    public ConcurrentDictionary<string, IReadOnlyList<(DateTimeOffset Time, string Line)>> PreviousLogs { get; } = new();

    /// <summary>Lines that a follow writes after the recorded log, each once the test releases it.</summary>
    public ConcurrentQueue<TaskCompletionSource<string>> FollowLines { get; } = new();

    /// <summary>Pod port → 127.0.0.1 port of a local server.</summary>
    public ConcurrentDictionary<int, int> Ports { get; } = new();

    /// <summary>Every terminal size a session was given, in order.</summary>
    public ConcurrentQueue<(ushort Width, ushort Height)> Resizes { get; } = new();

    private int _open;

    /// <summary>Sessions started and not yet disposed.</summary>
    public int OpenSessions => Volatile.Read(ref _open);

    /// <summary>The last exec's container and command, as the node was asked.</summary>
    public (string Container, IReadOnlyList<string> Command, bool Stdin, bool Tty)? LastExec { get; private set; }

    public Task<IStreamSession> ExecAsync(JsonObject pod, string container, IReadOnlyList<string> command, bool stdin, bool tty, CancellationToken ct)
    {
        LastExec = (container, command, stdin, tty);
        if (command.Count > 0 && command[0] == "no-such-program")
            throw new PodStreamException(500, "InternalError",
                "Internal error occurred: error executing command in container: exec: \"no-such-program\": executable file not found in $PATH");
        return Task.FromResult<IStreamSession>(new ProcessSession(command, tty, Resizes, this));
    }

    public Task<IStreamSession> AttachAsync(JsonObject pod, string container, bool stdin, bool tty, CancellationToken ct) =>
        Task.FromResult<IStreamSession>(new ProcessSession(["sh", "-c", stdin ? "echo attached; cat" : "echo attached"], tty, Resizes, this));

    public async Task StreamLogsAsync(JsonObject pod, string container, PodLogOptions options, Stream output, CancellationToken ct)
    {
        var source = options.Previous ? PreviousLogs : Logs;
        if (!source.TryGetValue(container, out var lines))
            throw PodStreamException.BadRequest(options.Previous
                ? $"previous terminated container \"{container}\" in pod \"{pod["metadata"]!["name"]}\" not found"
                : $"container \"{container}\" in pod \"{pod["metadata"]!["name"]}\" is waiting to start: ContainerCreating");
        IEnumerable<(DateTimeOffset Time, string Line)> selected = lines;
        if (options.Since(DateTimeOffset.UtcNow) is { } since) selected = selected.Where(l => l.Time >= since);
        if (options.TailLines is { } tail) selected = selected.TakeLast((int)tail);
        foreach (var (time, line) in selected) await WriteAsync(output, time, line, options, ct);
        if (!options.Follow) return;
        while (FollowLines.TryDequeue(out var next))
            await WriteAsync(output, DateTimeOffset.UtcNow, await next.Task.WaitAsync(ct), options, ct);
    }

    private static async Task WriteAsync(Stream output, DateTimeOffset time, string line, PodLogOptions options, CancellationToken ct)
    {
        var text = options.Timestamps ? $"{time.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffffff}00Z {line}\n" : line + "\n";
        await output.WriteAsync(Encoding.UTF8.GetBytes(text), ct);
        await output.FlushAsync(ct);
    }

    public async Task<Stream> PortForwardAsync(JsonObject pod, int port, CancellationToken ct)
    {
        if (!Ports.TryGetValue(port, out var local))
            throw new PodStreamException(500, "InternalError", $"failed to connect to localhost:{port} inside namespace: connection refused");
        var client = new TcpClient();
        await client.ConnectAsync(System.Net.IPAddress.Loopback, local, ct);
        return client.GetStream();
    }

    /// <summary>A host process as an exec session; with a "tty" only the stderr stream is merged, there is no real terminal.</summary>
    private sealed class ProcessSession : IStreamSession
    {
        private readonly Process _process;
        private readonly ConcurrentQueue<(ushort, ushort)> _resizes;
        private readonly FakePodStreams _owner;
        private int _disposed;

        public ProcessSession(IReadOnlyList<string> command, bool tty, ConcurrentQueue<(ushort, ushort)> resizes, FakePodStreams owner)
        {
            _resizes = resizes;
            _owner = owner;
            Interlocked.Increment(ref owner._open);
            var psi = new ProcessStartInfo(tty ? "sh" : command[0])
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            if (tty)
            {
                // stderr joins stdout as a terminal would show it.
                psi.ArgumentList.Add("-c");
                psi.ArgumentList.Add("exec \"$@\" 2>&1");
                psi.ArgumentList.Add("sh");
                foreach (var a in command) psi.ArgumentList.Add(a);
            }
            else foreach (var a in command.Skip(1)) psi.ArgumentList.Add(a);
            _process = Process.Start(psi)!;
            Stdin = _process.StandardInput.BaseStream;
            Stdout = _process.StandardOutput.BaseStream;
            Stderr = tty ? null : _process.StandardError.BaseStream;
            if (tty) _ = _process.StandardError.BaseStream.CopyToAsync(Stream.Null);
            ExitCode = Exit();
        }

        private async Task<int> Exit()
        {
            await _process.WaitForExitAsync();
            return _process.ExitCode;
        }

        public Stream? Stdin { get; }
        public Stream Stdout { get; }
        public Stream? Stderr { get; }
        public Task<int> ExitCode { get; }
        public void Resize(ushort width, ushort height) => _resizes.Enqueue((width, height));

        public void CloseStdin()
        {
            try { _process.StandardInput.Close(); } catch (IOException) { }
        }

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) Interlocked.Decrement(ref _owner._open);
            try { if (!_process.HasExited) _process.Kill(true); } catch (InvalidOperationException) { }
            _process.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
