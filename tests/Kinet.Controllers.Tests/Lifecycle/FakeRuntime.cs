// A container runtime without processes: sandboxes and containers are objects the test ends, fails and inspects. A
// container "runs" until the test exits it or the agent stops it; a stop ends it with 143 (SIGTERM) at once, or, for a
// container told to ignore SIGTERM, with 137 once the grace has passed on the test clock.
using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Kinet.Controllers.Nodes;
using Kinet.Controllers.Nodes.Lifecycle;

namespace Kinet.Controllers.Tests.Lifecycle;

internal sealed class FakeRuntime(TimeProvider clock) : IContainerRuntime
{
    private int _ids;

    public ConcurrentDictionary<string, FakeSandbox> Sandboxes { get; } = new();

    /// <summary>Makes RunSandboxAsync fail with this message.</summary>
    public string? SandboxError { get; set; }

    /// <summary>Per container name: what its next start throws (null: it starts).</summary>
    public ConcurrentDictionary<string, ContainerStartException> StartFailures { get; } = new();

    /// <summary>Answers exec probes: (container, command) → result.</summary>
    public Func<string, IReadOnlyList<string>, TimeSpan, ExecProbeResult> Exec { get; set; } = (_, _, _) => new ExecProbeResult(0, "");

    /// <summary>Containers that ignore SIGTERM and need SIGKILL after the grace.</summary>
    public ConcurrentDictionary<string, byte> IgnoresSigterm { get; } = new();

    public TimeProvider Clock => clock;

    public Task<IPodSandbox> RunSandboxAsync(JsonObject pod, PodNetwork network, CancellationToken ct)
    {
        if (SandboxError is { } error) throw new PodStartException(error);
        var sandbox = new FakeSandbox(this, "sandbox-" + Interlocked.Increment(ref _ids));
        Sandboxes[pod["metadata"]!["uid"]!.GetValue<string>()] = sandbox;
        return Task.FromResult<IPodSandbox>(sandbox);
    }

    public string NextId() => "fake://" + Interlocked.Increment(ref _ids).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
}

internal sealed class FakeSandbox(FakeRuntime runtime, string id) : IPodSandbox
{
    private readonly object _gate = new();
    private readonly List<FakeContainer> _started = [];

    public string Id { get; } = id;

    public bool Disposed { get; private set; }

    /// <summary>Every container started, in order (restarts included), and the restartCount each was started with.</summary>
    public IReadOnlyList<FakeContainer> Started
    {
        get { lock (_gate) return _started.ToArray(); }
    }

    public ConcurrentQueue<(string Container, string Command)> Execs { get; } = new();

    public FakeContainer? Latest(string name)
    {
        lock (_gate) return _started.LastOrDefault(c => c.Name == name);
    }

    public int Starts(string name)
    {
        lock (_gate) return _started.Count(c => c.Name == name);
    }

    public Task<IContainerHandle> StartContainerAsync(JsonObject pod, JsonObject container, bool init, int restartCount, CancellationToken ct)
    {
        var name = container["name"]!.GetValue<string>();
        if (Disposed) throw new InvalidOperationException("start in a removed sandbox");
        if (runtime.StartFailures.TryGetValue(name, out var failure)) throw failure;
        var c = new FakeContainer(runtime, name, runtime.NextId(), runtime.Clock.GetUtcNow(), restartCount, runtime.IgnoresSigterm.ContainsKey(name));
        lock (_gate) _started.Add(c);
        return Task.FromResult<IContainerHandle>(c);
    }

    public Task<ExecProbeResult> ExecAsync(string container, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken ct)
    {
        Execs.Enqueue((container, string.Join(' ', command)));
        return Task.FromResult(runtime.Exec(container, command, timeout));
    }

    public ValueTask DisposeAsync()
    {
        lock (_gate)
            if (_started.Any(c => !c.Exited.IsCompleted)) throw new InvalidOperationException("sandbox removed while a container runs");
        Disposed = true;
        return ValueTask.CompletedTask;
    }
}

internal sealed class FakeContainer(FakeRuntime runtime, string name, string id, DateTimeOffset startedAt, int restartCount, bool ignoresSigterm)
    : IContainerHandle
{
    private readonly TaskCompletionSource<ContainerExit> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name { get; } = name;
    public string Id { get; } = id;
    public DateTimeOffset StartedAt { get; } = startedAt;
    public int RestartCount { get; } = restartCount;
    public Task<ContainerExit> Exited => _exit.Task;

    /// <summary>The grace the agent gave when it stopped this container, if it did.</summary>
    public TimeSpan? StoppedWithGrace { get; private set; }

    public void Exit(int code) =>
        _exit.TrySetResult(new ContainerExit(code, code == 0 ? "Completed" : "Error", runtime.Clock.GetUtcNow(), null));

    public async Task StopAsync(TimeSpan grace, CancellationToken ct)
    {
        StoppedWithGrace = grace;
        if (ignoresSigterm && grace > TimeSpan.Zero) await Task.Delay(grace, runtime.Clock, ct);
        _exit.TrySetResult(new ContainerExit(ignoresSigterm ? 137 : 143, "Error", runtime.Clock.GetUtcNow(), null));
    }
}
