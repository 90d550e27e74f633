// One started container (one process tree). A restart is a new handle with a new id.
namespace Kinet.Controllers.Nodes.Lifecycle;

public interface IContainerHandle
{
    /// <summary>The container id as container statuses show it (scheme://hex).</summary>
    string Id { get; }

    DateTimeOffset StartedAt { get; }

    /// <summary>Completes once the container's process has ended, however it ended (never faults).</summary>
    Task<ContainerExit> Exited { get; }

    /// <summary>SIGTERM, then SIGKILL once <paramref name="grace"/> has passed; returns when it has exited.</summary>
    Task StopAsync(TimeSpan grace, CancellationToken ct);
}
