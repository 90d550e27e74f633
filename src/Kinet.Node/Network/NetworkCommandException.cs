// A host networking command (ip, bridge) failed: carries the command line, the batch it was fed and what it said.
namespace Kinet.Node.Network;

public sealed class NetworkCommandException(string command, int exitCode, string stderr)
    : Exception($"'{command}' exited with {exitCode}: {stderr.Trim()}")
{
    public string Command { get; } = command;
    public int ExitCode { get; } = exitCode;
    public string Stderr { get; } = stderr;
}
