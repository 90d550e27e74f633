// The API server binds while the kernel data plane is still being built; its exec/attach/logs/port-forward requests
// wait for the data plane (a few hundred milliseconds at most, and only for the first requests after start).
using System.Text.Json.Nodes;
using Kinet.Api.Streams;

namespace Kinet.Cli.Kernel;

internal sealed class DeferredPodStreams(Task<KernelDataPlane> plane) : IPodStreams
{
    public async Task<IStreamSession> ExecAsync(JsonObject pod, string container, IReadOnlyList<string> command, bool stdin, bool tty, CancellationToken ct) =>
        await (await plane.ConfigureAwait(false)).Streams.ExecAsync(pod, container, command, stdin, tty, ct).ConfigureAwait(false);

    public async Task<IStreamSession> AttachAsync(JsonObject pod, string container, bool stdin, bool tty, CancellationToken ct) =>
        await (await plane.ConfigureAwait(false)).Streams.AttachAsync(pod, container, stdin, tty, ct).ConfigureAwait(false);

    public async Task StreamLogsAsync(JsonObject pod, string container, PodLogOptions options, Stream output, CancellationToken ct) =>
        await (await plane.ConfigureAwait(false)).Streams.StreamLogsAsync(pod, container, options, output, ct).ConfigureAwait(false);

    public async Task<Stream> PortForwardAsync(JsonObject pod, int port, CancellationToken ct) =>
        await (await plane.ConfigureAwait(false)).Streams.PortForwardAsync(pod, port, ct).ConfigureAwait(false);
}
