// The controllers' API client in the daemon: every call goes through the API server's registry, so controller writes get
// the same validation, defaulting, managed fields and concurrency checks as kubectl's, without an HTTP round trip.
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Kinet.Api.Errors;
using Kinet.Api.Handlers;
using Kinet.Api.Registry;
using Kinet.Api.Resources;
using Kinet.Controllers.Client;
using Kinet.Store;

namespace Kinet.Cli.Composition;

internal sealed class RegistryObjectClient(ApiContext api, ObjectRegistry registry) : IObjectClient
{
    /// <summary>Every namespaced resource the API serves, for controllers that sweep namespaces.</summary>
    public static IReadOnlyList<ResourceRef> NamespacedResources { get; } =
        ResourceRegistry.Resources.Where(r => r.Namespaced).Select(r => new ResourceRef(r.Group, r.Plural)).ToArray();

    private static ResourceInfo Info(ResourceRef r) => ResourceRegistry.Get(r.Group, r.Plural);

    public JsonObject? Get(ResourceRef resource, string? ns, string name) =>
        api.Get(Info(resource), ns, name) is { } o ? ApiContext.Parse(o) : null;

    public ObjectList List(ResourceRef resource, string? ns = null)
    {
        var l = api.Store.List(Info(resource).StoreKey, ns);
        return new ObjectList(l.Items.Select(ApiContext.Parse).ToArray(), l.Revision);
    }

    public IWatchStream Watch(ResourceRef resource, string? ns, long afterResourceVersion) =>
        new Stream(api.Store.Watch(Info(resource).StoreKey, ns, afterResourceVersion));

    public Task<JsonObject> CreateAsync(ResourceRef resource, JsonObject obj, string manager, CancellationToken ct = default) =>
        Translate(() => registry.CreateAsync(Info(resource), Meta.Namespace(obj) is { Length: > 0 } ns ? ns : null,
            obj.DeepClone().AsObject(), new WriteOptions { Manager = manager }, ct));

    public Task<JsonObject> UpdateAsync(ResourceRef resource, JsonObject obj, string manager, string? subresource = null, CancellationToken ct = default) =>
        Translate(async () =>
        {
            var ns = Meta.Namespace(obj);
            var result = await registry.UpdateAsync(Info(resource), ns.Length == 0 ? null : ns, Meta.Name(obj), subresource,
                new WriteOptions { Manager = manager }, _ => obj.DeepClone().AsObject(), createIfMissing: false, ct);
            return result.Object;
        });

    public Task DeleteAsync(ResourceRef resource, string? ns, string name, ObjectDeleteOptions? options = null, CancellationToken ct = default) =>
        Translate(async () => (await registry.DeleteAsync(Info(resource), ns, name, new DeleteOptions
        {
            GracePeriodSeconds = options?.GracePeriodSeconds, PropagationPolicy = options?.PropagationPolicy, PreconditionUid = options?.PreconditionUid,
        }, ct)).Object);

    public Task BindAsync(string ns, string pod, string node, string manager, CancellationToken ct = default) =>
        Translate(async () => { await registry.BindAsync(ns, pod, node, new WriteOptions { Manager = manager }, ct); return 0; });

    private static async Task<T> Translate<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (ApiException e) when (e.Code == 409)
        {
            throw new ObjectConflictException(e.Message);
        }
        catch (ApiException e) when (e.Code == 404)
        {
            throw new ObjectNotFoundException(e.Message);
        }
    }

    private sealed class Stream : IWatchStream
    {
        private readonly IWatch _watch;
        private readonly Channel<WatchEvent> _events = Channel.CreateUnbounded<WatchEvent>(new UnboundedChannelOptions { SingleWriter = true });

        public Stream(IWatch watch)
        {
            _watch = watch;
            _ = Task.Run(async () =>
            {
                try
                {
                    await foreach (var e in watch.Events.ReadAllAsync())
                        _events.Writer.TryWrite(new WatchEvent(e.Type switch
                        {
                            ChangeType.Added => WatchEventType.Added,
                            ChangeType.Modified => WatchEventType.Modified,
                            _ => WatchEventType.Deleted,
                        }, ApiContext.Parse(e.Object)));
                }
                finally
                {
                    _events.Writer.TryComplete();
                }
            });
        }

        public ChannelReader<WatchEvent> Events => _events.Reader;

        public void Dispose() => _watch.Dispose();
    }
}
