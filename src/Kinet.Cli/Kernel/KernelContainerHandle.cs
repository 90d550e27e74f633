// One run of a container on the kernel data plane: its process, and for images whose program the daemon serves itself
// (Kinet's responder, agnhost), the in-process server. Such a container ends when its server exits (agnhost /exit,
// a fatal error) or when it is stopped; its process only holds the container's namespaces for exec.
using System.Runtime.InteropServices;
using Kinet.Controllers.Nodes.Lifecycle;
using Kinet.Node.Processes;
using Kinet.Node.Servers;

namespace Kinet.Cli.Kernel;

internal sealed class KernelContainerHandle : IContainerHandle
{
    public const string IdScheme = "kinet://";

    public KernelContainerHandle(Container process, IBuiltinServer? server)
    {
        Process = process;
        Server = server;
        Exited = server is null ? FromProcess(process) : FromServer(process, server);
    }

    public Container Process { get; }

    public IBuiltinServer? Server { get; }

    public string Id => IdScheme + Process.Id;

    public DateTimeOffset StartedAt => Process.StartedAt;

    public Task<Controllers.Nodes.Lifecycle.ContainerExit> Exited { get; }

    public async Task StopAsync(TimeSpan grace, CancellationToken ct)
    {
        if (Server is { } server)
        {
            server.Signal(PosixSignal.SIGTERM);
            try { await server.Exited.WaitAsync(grace, ct).ConfigureAwait(false); }
            catch (TimeoutException) { }
            await server.DisposeAsync().ConfigureAwait(false);
            await Process.StopAsync(TimeSpan.Zero).ConfigureAwait(false);
        }
        else
        {
            await Process.StopAsync(grace).ConfigureAwait(false);
        }
        await Exited.ConfigureAwait(false);
    }

    private static async Task<Controllers.Nodes.Lifecycle.ContainerExit> FromProcess(Container process)
    {
        var exit = await process.Exited.ConfigureAwait(false);
        return new(exit.ExitCode, exit.Reason, exit.FinishedAt, exit.Message);
    }

    private static async Task<Controllers.Nodes.Lifecycle.ContainerExit> FromServer(Container process, IBuiltinServer server)
    {
        var first = await Task.WhenAny(server.Exited, process.Exited).ConfigureAwait(false);
        int code;
        if (first == server.Exited)
        {
            code = await server.Exited.ConfigureAwait(false);
            await process.StopAsync(TimeSpan.Zero).ConfigureAwait(false);
        }
        else
        {
            // The holder died (killed from outside): the container is gone, and its server with it.
            code = (await process.Exited.ConfigureAwait(false)).ExitCode;
            await server.DisposeAsync().ConfigureAwait(false);
        }
        return new(code, code == 0 ? "Completed" : "Error", DateTimeOffset.UtcNow, null);
    }
}
