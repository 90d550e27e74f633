// A node agent that runs nothing, as kwok does: a pod's containers are running and ready the moment it starts, and
// stopping is immediate. Ids are stable per pod uid and container name, so a re-adopted pod keeps its container ids.
// Pods whose containers would finish (restartPolicy Never/OnFailure) stay Running: there is no process to exit.
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using static Kinet.Controllers.Runtime.ObjectJson;

namespace Kinet.Controllers.Nodes;

public sealed class SimulatedNodeAgent(TimeProvider? clock = null) : INodeAgent
{
    public const string RuntimeScheme = "kinet://";

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, PodRunState> _pods = new(StringComparer.Ordinal);

    public event Action<string>? PodStateChanged { add { } remove { } }

    /// <summary>How many pods the agent runs.</summary>
    public int RunningPods => _pods.Count;

    public Task<PodRunState> StartPodAsync(JsonObject pod, PodNetwork network, CancellationToken ct)
    {
        var uid = Str(pod["metadata"]?["uid"]);
        return Task.FromResult(_pods.GetOrAdd(uid, _ => Run(pod, uid)));
    }

    public PodRunState? GetPodState(string podUid) => _pods.GetValueOrDefault(podUid);

    public Task StopPodAsync(string podUid, TimeSpan gracePeriod, CancellationToken ct)
    {
        _pods.TryRemove(podUid, out _);
        return Task.CompletedTask;
    }

    private PodRunState Run(JsonObject pod, string uid)
    {
        var now = _clock.GetUtcNow();
        var started = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, TimeSpan.Zero);
        ContainerRunState Container(JsonObject c, bool init)
        {
            var name = Str(c["name"]);
            var image = Str(c["image"]);
            var id = RuntimeScheme + Hash($"container {uid} {name}");
            return init
                ? new ContainerRunState(name, ContainerImages.Normalize(image), ContainerImages.ImageId(image), id, ContainerPhase.Exited, true, started,
                    FinishedAt: started)
                : new ContainerRunState(name, ContainerImages.Normalize(image), ContainerImages.ImageId(image), id, ContainerPhase.Running, true, started);
        }
        var spec = pod["spec"];
        return new PodRunState(
            Hash($"sandbox {uid}"),
            (spec?["initContainers"] as JsonArray)?.OfType<JsonObject>().Select(c => Container(c, true)).ToArray() ?? [],
            (spec?["containers"] as JsonArray)?.OfType<JsonObject>().Select(c => Container(c, false)).ToArray() ?? []);
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

}
