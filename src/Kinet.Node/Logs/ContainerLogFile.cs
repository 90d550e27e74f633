// A container's log file opened for whole lines written by the daemon on the container's behalf: the output of a
// built-in server that stands in for the container's program goes to the same CRI log file its process would write.
namespace Kinet.Node.Logs;

public sealed class ContainerLogFile : IDisposable
{
    private readonly CriLogWriter _writer;

    private ContainerLogFile(string path) => _writer = new CriLogWriter(path);

    public static ContainerLogFile Open(string path) => new(path);

    /// <summary>Appends <paramref name="line"/> (no newline) as one full entry of <paramref name="stream"/> ("stdout" or "stderr").</summary>
    public void WriteLine(string stream, string line) => _writer.WriteLine(stream, line);

    public void Dispose() => _writer.Dispose();
}
