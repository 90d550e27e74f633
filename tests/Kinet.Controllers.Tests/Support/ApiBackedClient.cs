// An IObjectClient over the real API registry (validation, defaulting, binding, graceful deletion, finalizers, managed
// fields) on an in-memory store, without HTTP: the daemon's own client, for controller tests that need upstream rules.
using Kinet.Api.Hosting;
using Kinet.Cli.Composition;
using Kinet.Controllers.Client;
using Kinet.Store.Memory;

namespace Kinet.Controllers.Tests.Support;

public static class ApiBackedClient
{
    /// <summary>A fresh cluster API (system namespaces and the `kubernetes` Service exist) and a client over it.</summary>
    public static async Task<(IObjectClient Client, ApiCore Api, MemoryObjectStore Store)> StartAsync(TimeProvider? clock = null)
    {
        var store = new MemoryObjectStore();
        var core = await ApiCore.CreateAsync(store, clock: clock);
        return (new RegistryObjectClient(core.Context, core.Registry), core, store);
    }
}
