// What the kubelet's streaming server does, for the kernel data plane: exec and attach into a container's process,
// the container's log files (current run, or the previous one for --previous), and port-forward as a connection to
// 127.0.0.1:<port> made inside the pod's network namespace. The API server has checked the pod and container already.
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Kinet.Api.Streams;
using Kinet.Node.Logs;
using Kinet.Node.Network;
using Kinet.Node.Processes;
using static Kinet.Cli.Kernel.PodJson;

namespace Kinet.Cli.Kernel;

internal sealed class KernelPodStreams(KernelContainerRuntime runtime) : IPodStreams
{
    public async Task<IStreamSession> ExecAsync(JsonObject pod, string container, IReadOnlyList<string> command, bool stdin, bool tty, CancellationToken ct)
    {
        var handle = Running(pod, container);
        return new Session(await handle.Process.ExecAsync(command, stdin, tty, ct).ConfigureAwait(false));
    }

    public async Task<IStreamSession> AttachAsync(JsonObject pod, string container, bool stdin, bool tty, CancellationToken ct)
    {
        var handle = Running(pod, container);
        return new Session(await handle.Process.AttachAsync().ConfigureAwait(false));
    }

    public async Task StreamLogsAsync(JsonObject pod, string container, PodLogOptions options, Stream output, CancellationToken ct)
    {
        var runs = Sandbox(pod).Runs(container)
                   ?? throw PodStreamException.BadRequest($"container \"{container}\" in pod \"{Str(pod["metadata"]?["name"])}\" is waiting to start: ContainerCreating");
        string path;
        Func<bool> running;
        if (options.Previous)
        {
            path = runs.PreviousLog ?? throw PodStreamException.BadRequest(
                $"previous terminated container \"{container}\" in pod \"{Str(pod["metadata"]?["name"])}\" not found");
            running = () => false;
        }
        else
        {
            path = runs.CurrentLog;
            var exited = runs.Current.Exited;
            running = () => !exited.IsCompleted;
        }
        var read = new LogReadOptions(options.Follow, options.TailLines, options.Since(DateTimeOffset.UtcNow), options.Timestamps, options.LimitBytes);
        await ContainerLogs.StreamAsync(path, read, output, running, ct).ConfigureAwait(false);
    }

    public async Task<Stream> PortForwardAsync(JsonObject pod, int port, CancellationToken ct)
    {
        var sandbox = Sandbox(pod);
        try
        {
            var socket = await NetnsSockets.ConnectAsync(sandbox.NetnsPath, new IPEndPoint(IPAddress.Loopback, port), ct).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch (SocketException e)
        {
            // The kubelet's wording when nothing listens on the port inside the pod.
            throw new PodStreamException(500, "InternalError",
                $"error forwarding port {port} to pod {sandbox.Id}, uid : failed to connect to localhost:{port} inside namespace \"{sandbox.Id}\", IPv4: {e.Message}");
        }
    }

    private KernelPodSandbox Sandbox(JsonObject pod) =>
        runtime.Find(Str(pod["metadata"]?["uid"]))
        ?? throw PodStreamException.BadRequest($"pod {Str(pod["metadata"]?["name"])} is not running on its node yet");

    private KernelContainerHandle Running(JsonObject pod, string container)
    {
        var runs = Sandbox(pod).Runs(container);
        if (runs is null || runs.Current.Exited.IsCompleted)
            throw PodStreamException.BadRequest($"container {container} is not valid for pod {Str(pod["metadata"]?["name"])}: it is not running");
        return runs.Current;
    }

    /// <summary>The process layer's session as the API's seam wants it.</summary>
    private sealed class Session(StreamSession inner) : IStreamSession
    {
        public Stream? Stdin => inner.Stdin;
        public Stream Stdout => inner.Stdout;
        public Stream? Stderr => inner.Stderr;
        public Task<int> ExitCode => inner.ExitCode;
        public void Resize(ushort width, ushort height) => inner.Resize(width, height);
        public void CloseStdin() => inner.CloseStdin();
        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
