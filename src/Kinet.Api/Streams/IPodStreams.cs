// The seam between the API server's exec/attach/log/port-forward endpoints and whatever runs the pod's processes (the node
// agent). The API server has already checked the pod (it exists, the container is one of its own, it has a node) before
// it calls any of these; an implementation reports what only the node can know by throwing PodStreamException.
using System.Text.Json.Nodes;

namespace Kinet.Api.Streams;

public interface IPodStreams
{
    /// <summary>Starts <paramref name="command"/> in <paramref name="container"/> of <paramref name="pod"/> (a real pty when
    /// <paramref name="tty"/>, then stderr is merged into stdout and the session's Stderr is null).</summary>
    Task<IStreamSession> ExecAsync(JsonObject pod, string container, IReadOnlyList<string> command, bool stdin, bool tty, CancellationToken ct);

    /// <summary>Connects to the running main process of <paramref name="container"/>; disposing the session detaches, it
    /// never stops the process. ExitCode completes when the process ends.</summary>
    Task<IStreamSession> AttachAsync(JsonObject pod, string container, bool stdin, bool tty, CancellationToken ct);

    /// <summary>Writes the container's log to <paramref name="output"/> as the options ask (with Follow, until the container
    /// ends or <paramref name="ct"/> is cancelled, which is not an error). Flush output after each write when following.</summary>
    Task StreamLogsAsync(JsonObject pod, string container, PodLogOptions options, Stream output, CancellationToken ct);

    /// <summary>A duplex stream to 127.0.0.1:<paramref name="port"/> inside the pod's network namespace.</summary>
    Task<Stream> PortForwardAsync(JsonObject pod, int port, CancellationToken ct);
}
