// The CRI log file format containerd writes and the kubelet reads: a full line per newline, P pieces for lines longer
// than 16 KiB, a last unterminated line written as F at the end of the stream.
using System.Text;
using Kinet.Node.Logs;

namespace Kinet.Node.Tests.Logs;

public sealed class CriLogWriterTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "kinet-logtest-" + Guid.NewGuid().ToString("N")[..8]);
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 13, 0, 0, TimeSpan.Zero);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (CriLogWriter Writer, string Path) NewWriter()
    {
        var path = Path.Combine(_dir, "app", "0.log");
        var tick = 0;
        return (new CriLogWriter(path, () => T0.AddTicks(1234567 + tick++ * 10)), path);
    }

    [Fact]
    public void Lines_of_both_streams_are_written_with_time_stream_and_tag()
    {
        var (writer, path) = NewWriter();
        var stdout = writer.Stream("stdout");
        var stderr = writer.Stream("stderr");
        stdout.Write("hello\nwor"u8);
        stderr.Write("oops\n"u8);
        stdout.Write("ld\n"u8);
        stdout.Complete();
        stderr.Complete();
        writer.Dispose();
        Assert.Equal(
            "2026-11-26T13:00:00.123456700Z stdout F hello\n" +
            "2026-11-26T13:00:00.123457700Z stderr F oops\n" +
            "2026-11-26T13:00:00.123458700Z stdout F world\n", File.ReadAllText(path));
    }

    [Fact]
    public void A_line_longer_than_16_KiB_is_split_into_partial_entries()
    {
        var (writer, path) = NewWriter();
        var stdout = writer.Stream("stdout");
        stdout.Write(Encoding.ASCII.GetBytes(new string('a', 16 * 1024) + new string('b', 10) + "\n"));
        stdout.Complete();
        writer.Dispose();
        var lines = File.ReadAllLines(path);
        Assert.Equal(2, lines.Length);
        Assert.Equal(" stdout P " + new string('a', 16 * 1024), lines[0][30..]);
        Assert.Equal(" stdout F bbbbbbbbbb", lines[1][30..]);
    }

    [Fact]
    public void An_unterminated_last_line_is_written_as_full_when_the_stream_ends()
    {
        var (writer, path) = NewWriter();
        var stdout = writer.Stream("stdout");
        stdout.Write("no newline"u8);
        Assert.Equal("", File.ReadAllText(path));
        stdout.Complete();
        writer.Dispose();
        Assert.Equal("2026-11-26T13:00:00.123456700Z stdout F no newline\n", File.ReadAllText(path));
    }
}
