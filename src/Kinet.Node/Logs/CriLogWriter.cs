// Writes a container's output as the CRI log file the kubelet reads (containerd's format): one entry per line,
// `<RFC 3339 time with 9 fraction digits> <stdout|stderr> <F|P> <content>`, F for a full line (the newline is not
// stored), P for a piece of a line longer than the buffer. A line still open when the stream ends is written as F,
// as containerd does at EOF. Both streams of a container share one file; writes come from the reactor thread.
using System.Text;

namespace Kinet.Node.Logs;

internal sealed class CriLogWriter : IDisposable
{
    /// <summary>containerd's default max container log line size: longer lines are split into P entries.</summary>
    public const int MaxLineBytes = 16 * 1024;

    private readonly FileStream _file;
    private readonly object _gate = new();
    private readonly Func<DateTimeOffset> _now;
    private int _openStreams;

    public CriLogWriter(string path, Func<DateTimeOffset>? now = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 1);
        _now = now ?? (() => DateTimeOffset.UtcNow);
        FilePath = path;
    }

    public string FilePath { get; }

    /// <summary>A sink for one stream ("stdout" or "stderr") of this file.</summary>
    public Processes.OutputPump.ISink Stream(string name)
    {
        Interlocked.Increment(ref _openStreams);
        return new LineSink(this, name);
    }

    /// <summary>The timestamp as containerd writes it: always nine fraction digits, UTC, "Z".</summary>
    public static string FormatTimestamp(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", System.Globalization.CultureInfo.InvariantCulture) + "00Z";

    /// <summary>One full line of <paramref name="stream"/>, written as one entry.</summary>
    public void WriteLine(string stream, string line) => WriteEntry(stream, false, Encoding.UTF8.GetBytes(line));

    private void WriteEntry(string stream, bool partial, ReadOnlySpan<byte> content)
    {
        // One write(2) per entry, so a follower never reads half an entry's head.
        var head = $"{FormatTimestamp(_now())} {stream} {(partial ? 'P' : 'F')} ";
        var entry = new byte[head.Length + content.Length + 1];
        Encoding.ASCII.GetBytes(head, entry);
        content.CopyTo(entry.AsSpan(head.Length));
        entry[^1] = (byte)'\n';
        lock (_gate) _file.Write(entry);
        LogFileSignals.Notify(FilePath);
    }

    private void StreamDone()
    {
        if (Interlocked.Decrement(ref _openStreams) == 0) LogFileSignals.Notify(FilePath);
    }

    public void Dispose()
    {
        lock (_gate) _file.Dispose();
    }

    private sealed class LineSink(CriLogWriter owner, string stream) : Processes.OutputPump.ISink
    {
        private readonly MemoryStream _line = new();

        public void Write(ReadOnlySpan<byte> data)
        {
            while (!data.IsEmpty)
            {
                var nl = data.IndexOf((byte)'\n');
                var take = nl < 0 ? data.Length : nl;
                var room = MaxLineBytes - (int)_line.Length;
                if (take > room)
                {
                    _line.Write(data[..room]);
                    owner.WriteEntry(stream, partial: true, _line.GetBuffer().AsSpan(0, (int)_line.Length));
                    _line.SetLength(0);
                    data = data[room..];
                    continue;
                }
                _line.Write(data[..take]);
                if (nl < 0) return;
                owner.WriteEntry(stream, partial: false, _line.GetBuffer().AsSpan(0, (int)_line.Length));
                _line.SetLength(0);
                data = data[(nl + 1)..];
            }
        }

        public void Complete()
        {
            if (_line.Length > 0) owner.WriteEntry(stream, partial: false, _line.GetBuffer().AsSpan(0, (int)_line.Length));
            _line.SetLength(0);
            owner.StreamDone();
        }
    }
}
