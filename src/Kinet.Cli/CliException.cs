// A user-facing failure: printed as one line on stderr, no stack trace, non-zero exit.
namespace Kinet.Cli;

internal sealed class CliException(string message, string? detail = null) : Exception(message)
{
    /// <summary>Extra lines shown after the message (e.g. the tail of the daemon log).</summary>
    public string? Detail { get; } = detail;
}
