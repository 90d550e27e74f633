// client-go's SharedInformerFactory: one informer (one watch, one cache) per resource however many controllers use it,
// so the daemon holds each object once and the API serves one watch per resource to the controllers.
using Kinet.Controllers.Client;

namespace Kinet.Controllers.Runtime;

public sealed class SharedInformers(IObjectClient client)
{
    private readonly object _gate = new();
    private readonly Dictionary<ResourceRef, Informer> _informers = [];
    private readonly List<Task> _running = [];
    private CancellationToken? _started;

    public IObjectClient Client => client;

    /// <summary>The cluster-wide informer of <paramref name="resource"/>; started at once if the factory already runs.</summary>
    public Informer For(ResourceRef resource)
    {
        lock (_gate)
        {
            if (_informers.TryGetValue(resource, out var existing)) return existing;
            var informer = new Informer(client, resource);
            _informers[resource] = informer;
            if (_started is { } ct) _running.Add(informer.RunAsync(ct));
            return informer;
        }
    }

    /// <summary>Starts every informer asked for so far, and any asked for later; completes when <paramref name="ct"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        lock (_gate)
        {
            _started = ct;
            foreach (var i in _informers.Values) _running.Add(i.RunAsync(ct));
        }
        try { await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false); }
        catch (OperationCanceledException) { }
        Task[] running;
        lock (_gate) running = _running.ToArray();
        await Task.WhenAll(running).ConfigureAwait(false);
    }

    /// <summary>Completes once each of <paramref name="resources"/> has delivered its first list.</summary>
    public Task WaitForSyncAsync(CancellationToken ct, params ResourceRef[] resources) =>
        Task.WhenAll(resources.Select(r => For(r).Synced)).WaitAsync(ct);
}
