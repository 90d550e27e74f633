// The API server without HTTP: store, allocations and registry, bootstrapped with the built-in objects. The server wraps
// it in Kestrel; controller tests and benchmarks use it directly to get the same write rules as kubectl without a socket.
using Kinet.Api.Handlers;
using Kinet.Api.Registry;
using Kinet.Store;

namespace Kinet.Api.Hosting;

public sealed record ApiCore(ApiContext Context, ObjectRegistry Registry)
{
    /// <summary>Builds the registry over <paramref name="store"/> and creates the built-in namespaces and the `kubernetes` Service.</summary>
    public static async Task<ApiCore> CreateAsync(IObjectStore store, string serviceCidr = "10.96.0.0/12", int apiServerPort = 6443,
        TimeSpan? bookmarkInterval = null, TimeProvider? clock = null, CancellationToken ct = default)
    {
        var api = new ApiContext(store, clock ?? TimeProvider.System) { BookmarkInterval = bookmarkInterval ?? TimeSpan.FromSeconds(60) };
        var services = new ServiceAllocations(Kinet.Model.Networking.Cidr.Parse(serviceCidr));
        services.Rebuild(api.Store.List(Resources.ResourceRegistry.Get("", "services").StoreKey, null).Items.Select(ApiContext.Parse));
        var registry = new ObjectRegistry(api, services);
        await Bootstrap.EnsureAsync(registry, api, services.KubernetesServiceIP.ToString(), apiServerPort, ct);
        return new ApiCore(api, registry);
    }
}
