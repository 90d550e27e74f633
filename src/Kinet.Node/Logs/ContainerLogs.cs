// Serves a container's log file as the kubelet does (pkg/kubelet/kuberuntime/logs): tail N entries (counted in file
// lines, so a long line split into P pieces counts each piece), entries since a time, an optional timestamp prefix
// (Go's RFC3339Nano, trailing zeros dropped), a byte limit, and follow until the container stops or the caller cancels.
// `--previous` is the caller's business: it passes the previous run's file.
using System.Text;

namespace Kinet.Node.Logs;

public static class ContainerLogs
{
    /// <summary>How long a follower waits for an append before it looks at the file again (for other writers).</summary>
    private static readonly TimeSpan FollowRecheck = TimeSpan.FromMilliseconds(250);

    public static async Task StreamAsync(string currentLogPath, LogReadOptions options, Stream output, Func<bool> stillRunning, CancellationToken ct)
    {
        if (options.LimitBytes is <= 0 || options.TailLines is 0 && !options.Follow) return;
        FileStream file;
        try { file = new FileStream(currentLogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, useAsync: false); }
        catch (FileNotFoundException) { return; }
        catch (DirectoryNotFoundException) { return; }
        await using var _ = file;
        var limit = new Limit(options.LimitBytes);
        long position = options.TailLines is { } tail ? await TailStartAsync(file, tail, ct).ConfigureAwait(false) : 0;
        var pending = new List<byte>();
        while (true)
        {
            var appended = LogFileSignals.NextAppend(currentLogPath);
            file.Position = position;
            var chunk = new byte[64 * 1024];
            int n;
            while ((n = await file.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
            {
                position += n;
                var start = 0;
                for (var i = 0; i < n; i++)
                {
                    if (chunk[i] != (byte)'\n') continue;
                    pending.AddRange(chunk.AsSpan(start, i - start));
                    if (!await WriteEntryAsync(pending.ToArray(), options, output, limit, ct).ConfigureAwait(false)) return;
                    pending.Clear();
                    start = i + 1;
                }
                pending.AddRange(chunk.AsSpan(start, n - start));
            }
            await output.FlushAsync(ct).ConfigureAwait(false);
            if (!options.Follow) return;
            if (!stillRunning())
            {
                // One more pass picks up what the writer flushed while the container stopped.
                if (file.Length > position) continue;
                return;
            }
            try { await appended.WaitAsync(FollowRecheck, ct).ConfigureAwait(false); }
            catch (TimeoutException) { }
        }
    }

    private static async Task<bool> WriteEntryAsync(byte[] line, LogReadOptions options, Stream output, Limit limit, CancellationToken ct)
    {
        if (!CriLogEntry.TryParse(line, out var entry)) return true; // the kubelet skips lines it cannot parse
        if (options.SinceTime is { } since && entry.Time < since) return true;
        var bytes = new List<byte>(entry.Content.Length + 40);
        if (options.Timestamps) bytes.AddRange(Encoding.ASCII.GetBytes(entry.FormatForOutput() + " "));
        bytes.AddRange(entry.Content.Span);
        if (!entry.Partial) bytes.Add((byte)'\n');
        var data = bytes.ToArray().AsMemory();
        var room = limit.Take(data.Length);
        await output.WriteAsync(data[..room], ct).ConfigureAwait(false);
        return !limit.Exhausted;
    }

    /// <summary>The offset of the N-th line from the end (the kubelet's FindTailLineStartIndex).</summary>
    internal static async Task<long> TailStartAsync(FileStream file, long lines, CancellationToken ct)
    {
        var length = file.Length;
        if (lines <= 0) return length;
        const int Block = 64 * 1024;
        var buffer = new byte[Block];
        var end = length;
        long count = 0;
        // A final newline ends the last line; it does not start another one.
        var skipLast = true;
        while (end > 0)
        {
            var start = Math.Max(0, end - Block);
            var size = (int)(end - start);
            file.Position = start;
            await file.ReadExactlyAsync(buffer.AsMemory(0, size), ct).ConfigureAwait(false);
            for (var i = size - 1; i >= 0; i--)
            {
                if (buffer[i] != (byte)'\n') continue;
                if (skipLast && start + i == length - 1) { skipLast = false; continue; }
                skipLast = false;
                if (++count == lines) return start + i + 1;
            }
            skipLast = false;
            end = start;
        }
        return 0;
    }

    private sealed class Limit(long? max)
    {
        private long _left = max ?? long.MaxValue;
        public bool Exhausted => _left <= 0;
        public int Take(int want)
        {
            var n = (int)Math.Min(want, _left);
            _left -= n;
            return n;
        }
    }
}
