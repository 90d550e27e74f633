// `kubectl logs` options served from a CRI log file as the kubelet serves them. Conventions: the file below has five
// entries one second apart from 13:00:00.5, the third split into two P/F pieces, one on stderr.
using System.Text;
using Kinet.Node.Logs;

namespace Kinet.Node.Tests.Logs;

public sealed class ContainerLogsTests : IDisposable
{
    private const string File5 =
        "2026-11-26T13:00:00.500000000Z stdout F one\n" +
        "2026-11-26T13:00:01.500000000Z stderr F two\n" +
        "2026-11-26T13:00:02.500000000Z stdout P thr\n" +
        "2026-11-26T13:00:02.600000000Z stdout F ee\n" +
        "2026-11-26T13:00:03.123456789Z stdout F four\n";

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "kinet-logtest-" + Guid.NewGuid().ToString("N")[..8]);

    public ContainerLogsTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string, LogReadOptions, string> Cases => new()
    {
        { "everything", new LogReadOptions(), "one\ntwo\nthree\nfour\n" },
        { "tail 1", new LogReadOptions(TailLines: 1), "four\n" },
        { "tail 2 counts file lines, so half of a split line", new LogReadOptions(TailLines: 2), "ee\nfour\n" },
        { "tail beyond the file", new LogReadOptions(TailLines: 100), "one\ntwo\nthree\nfour\n" },
        { "tail 0", new LogReadOptions(TailLines: 0), "" },
        { "since", new LogReadOptions(SinceTime: new DateTimeOffset(2026, 11, 26, 13, 0, 1, 500, TimeSpan.Zero)), "two\nthree\nfour\n" },
        { "timestamps as RFC3339Nano without trailing zeros", new LogReadOptions(TailLines: 3, Timestamps: true),
            "2026-11-26T13:00:02.5Z thr2026-11-26T13:00:02.6Z ee\n2026-11-26T13:00:03.123456789Z four\n" },
        { "limit bytes cuts inside a line", new LogReadOptions(LimitBytes: 6), "one\ntw" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Logs_are_served_as_the_kubelet_serves_them(string name, LogReadOptions options, string expected)
    {
        var path = Path.Combine(_dir, "0.log");
        await File.WriteAllTextAsync(path, File5);
        var output = new MemoryStream();
        await ContainerLogs.StreamAsync(path, options, output, () => false, CancellationToken.None);
        Assert.True(expected == Encoding.UTF8.GetString(output.ToArray()), name + ": " + Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public async Task A_missing_log_file_gives_no_output()
    {
        var output = new MemoryStream();
        await ContainerLogs.StreamAsync(Path.Combine(_dir, "none.log"), new LogReadOptions(Follow: true), output, () => true, CancellationToken.None);
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public async Task Follow_streams_new_lines_until_the_container_stops()
    {
        var path = Path.Combine(_dir, "app", "0.log");
        var writer = new CriLogWriter(path);
        var stdout = writer.Stream("stdout");
        stdout.Write("first\n"u8);
        var running = true;
        var output = new NotifyingStream();
        var follow = ContainerLogs.StreamAsync(path, new LogReadOptions(Follow: true, TailLines: 1), output, () => Volatile.Read(ref running), CancellationToken.None);
        await output.WaitForAsync("first\n");
        stdout.Write("second\n"u8);
        await output.WaitForAsync("first\nsecond\n");
        Assert.False(follow.IsCompleted);
        stdout.Write("last\n"u8);
        Volatile.Write(ref running, false);
        stdout.Complete();
        writer.Dispose();
        await follow;
        Assert.Equal("first\nsecond\nlast\n", output.Text);
    }

    [Fact]
    public async Task Follow_ends_when_the_caller_cancels()
    {
        var path = Path.Combine(_dir, "0.log");
        await File.WriteAllTextAsync(path, File5);
        using var cts = new CancellationTokenSource();
        var output = new NotifyingStream();
        var follow = ContainerLogs.StreamAsync(path, new LogReadOptions(Follow: true), output, () => true, cts.Token);
        await output.WaitForAsync("one\ntwo\nthree\nfour\n");
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => follow);
    }

    /// <summary>A memory stream a test can wait on until it holds some text (no wall-clock bound).</summary>
    private sealed class NotifyingStream : MemoryStream
    {
        private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Text { get { lock (this) return Encoding.UTF8.GetString(ToArray()); } }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            lock (this) base.Write(buffer.Span);
            Interlocked.Exchange(ref _changed, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            await Task.CompletedTask;
        }

        public async Task WaitForAsync(string text)
        {
            while (true)
            {
                var changed = Volatile.Read(ref _changed).Task;
                if (Text == text) return;
                await changed;
            }
        }
    }
}
