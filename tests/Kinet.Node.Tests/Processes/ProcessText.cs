// Small helpers for reading a container's log and a session's streams in tests.
using System.Text;
using Kinet.Node.Logs;
using Kinet.Node.Processes;

namespace Kinet.Node.Tests.Processes;

internal static class ProcessText
{
    /// <summary>The container's log as `kubectl logs` shows it (after it exited).</summary>
    public static async Task<string> LogsAsync(Container c)
    {
        await c.Exited;
        var output = new MemoryStream();
        await ContainerLogs.StreamAsync(c.Spec.LogPath, new LogReadOptions(), output, () => false, CancellationToken.None);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    public static async Task<string> ReadAllAsync(Stream? s)
    {
        if (s is null) return "";
        var output = new MemoryStream();
        await s.CopyToAsync(output);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    /// <summary>Runs a command in the container and returns (exit code, stdout, stderr).</summary>
    public static async Task<(int Code, string Out, string Err)> ExecAsync(Container c, params string[] argv)
    {
        var session = await c.ExecAsync(argv, stdin: false, tty: false, CancellationToken.None);
        await using var _ = session;
        var o = ReadAllAsync(session.Stdout);
        var e = ReadAllAsync(session.Stderr);
        return (await session.ExitCode, await o, await e);
    }
}
