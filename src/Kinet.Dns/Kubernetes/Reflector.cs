// List-then-watch of one resource with the official client, keeping the objects in a dictionary (client-go's
// reflector + store, reduced). Re-lists after a watch error (410 Gone included) or a failed request, with a short
// backoff; resumes from the last resource version when a watch simply ends.
using System.Collections.Concurrent;
using k8s;
using k8s.Models;

namespace Kinet.Dns.Kubernetes;

internal sealed class Reflector<T, TList>
    where T : IKubernetesObject<V1ObjectMeta>
    where TList : IKubernetesObject<V1ListMeta>, IItems<T>
{
    private readonly Func<CancellationToken, Task<TList>> _list;
    /// <summary>(resourceVersion, onError, ct) → the watch events.</summary>
    private readonly Func<string, Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType, T)>> _watch;
    private readonly string _what;
    private readonly Action _changed;
    private readonly Action<string> _log;
    private readonly ConcurrentDictionary<string, T> _items = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Reflector(string what, Func<CancellationToken, Task<TList>> list,
        Func<string, Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType, T)>> watch, Action changed, Action<string> log)
    {
        _what = what;
        _list = list;
        _watch = watch;
        _changed = changed;
        _log = log;
    }

    public TimeSpan Backoff { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Completes after the first successful list.</summary>
    public Task Synced => _synced.Task;

    public List<T> Items => [.. _items.Values];

    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var rv = await ListAsync(ct);
                while (rv is not null && !ct.IsCancellationRequested) rv = await WatchAsync(rv, ct);
            }
            catch (Exception) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _log($"[ERROR] plugin/kubernetes: Failed to watch {_what}: {e.Message}");
            }
            try
            {
                await Task.Delay(Backoff, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<string?> ListAsync(CancellationToken ct)
    {
        var list = await _list(ct);
        _items.Clear();
        foreach (var item in list.Items) _items[Key(item)] = item;
        _changed();
        _synced.TrySetResult();
        return list.Metadata?.ResourceVersion ?? "";
    }

    /// <summary>Watches from <paramref name="rv"/>; returns where to resume, or null to re-list.</summary>
    private async Task<string?> WatchAsync(string rv, CancellationToken ct)
    {
        Exception? failure = null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var events = _watch(rv, e =>
        {
            failure ??= e;
            try { stop.Cancel(); } catch (ObjectDisposedException) { }
        }, stop.Token);
        try
        {
            await foreach (var (type, item) in events)
            {
                switch (type)
                {
                    case WatchEventType.Added or WatchEventType.Modified:
                        _items[Key(item)] = item;
                        break;
                    case WatchEventType.Deleted:
                        _items.TryRemove(Key(item), out _);
                        break;
                    case WatchEventType.Bookmark:
                        break;
                    default:
                        return null;
                }
                rv = item.Metadata?.ResourceVersion ?? rv;
                if (type != WatchEventType.Bookmark) _changed();
            }
        }
        catch (OperationCanceledException) when (failure is not null && !ct.IsCancellationRequested)
        {
        }
        if (failure is not null)
        {
            _log($"[INFO] plugin/kubernetes: watch of {_what} ended ({failure.Message}); re-listing");
            return null;
        }
        return rv;
    }

    private static string Key(T item) => $"{item.Metadata?.NamespaceProperty}/{item.Metadata?.Name}";
}
