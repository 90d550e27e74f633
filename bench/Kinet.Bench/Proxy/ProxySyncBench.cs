// Proxy sync cost (issue 6): rendering N Services x 10 endpoints into kube-proxy's nftables layout, as a full sync
// (render + apply to the in-memory fake, and render + `nft -f` script text) and as a partial sync after one endpoint
// changed (render + apply). Targets: full < 2 s and one endpoint < 20 ms at 10,000 Services.
using System.Net;
using BenchmarkDotNet.Attributes;
using Kinet.Model.Services;
using Kinet.Nftables.Fake;
using Kinet.Proxy.Nftables;

namespace Kinet.Bench.Proxy;

[MemoryDiagnoser]
public class ProxySyncBench
{
    private ProxyState _state = null!;
    private ProxyState[] _oneEndpointChanged = null!;
    private NftFake _fake = null!;
    private NftablesProxier _proxier = null!;
    private int _turn;

    [Params(10, 1_000, 10_000)]
    public int Services { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var services = new Dictionary<ServicePortName, ServicePortInfo>();
        var endpoints = new Dictionary<ServicePortName, IReadOnlyList<EndpointInfo>>();
        for (var i = 0; i < Services; i++)
        {
            var name = new ServicePortName($"ns{i % 50}", $"svc{i}", "http", ServiceProtocol.Tcp);
            services[name] = new ServicePortInfo
            {
                Name = name,
                ClusterIP = Address(10, 96, i),
                Port = 80,
                NodePort = i % 10 == 0 ? 30000 + i / 10 : 0,
            };
            endpoints[name] = Enumerable.Range(0, 10).Select(e => new EndpointInfo
            {
                Address = Address(10, 244, i * 10 + e),
                Port = 8080,
                IsLocal = e == 0,
            }).ToList();
        }
        _state = State(services, endpoints);
        // Two states that differ from _state in one endpoint of one Service, alternated so each sync has a change.
        _oneEndpointChanged = [.. new[] { 1, 2 }.Select(k =>
        {
            var changed = new Dictionary<ServicePortName, IReadOnlyList<EndpointInfo>>(endpoints);
            var name = services.Keys.First();
            changed[name] = [.. endpoints[name].Take(9), endpoints[name][9] with { Address = Address(10, 245, k) }];
            return State(services, changed);
        })];
        _fake = new NftFake();
        _proxier = new NftablesProxier();
        _fake.Apply(_proxier.Sync(_state, full: true));
        _proxier.Committed();
    }

    [Benchmark]
    public int FullSyncApplied()
    {
        var fake = new NftFake();
        var proxier = new NftablesProxier();
        var tx = proxier.Sync(_state, full: true);
        fake.Apply(tx);
        return tx.Count;
    }

    /// <summary>The renderer alone (for the breakdown in `proxy-sync`; not a benchmark of its own).</summary>
    public int FullSyncRenderOnly() => new NftablesProxier().Sync(_state, full: true).Count;

    [Benchmark]
    public int FullSyncScript() => new NftablesProxier().Sync(_state, full: true).ToScript().Length;

    [Benchmark]
    public int OneEndpointChanged()
    {
        var tx = _proxier.Sync(_oneEndpointChanged[_turn++ & 1], full: false);
        _fake.Apply(tx);
        _proxier.Committed();
        return tx.Count;
    }

    private static ProxyState State(Dictionary<ServicePortName, ServicePortInfo> services, Dictionary<ServicePortName, IReadOnlyList<EndpointInfo>> endpoints) =>
        new("node1", services, endpoints)
        {
            NodeIPs = [IPAddress.Parse("172.18.0.2")],
            PodCidrs = ["10.244.0.0/16"],
            ServiceCidrs = ["10.96.0.0/12"],
        };

    private static IPAddress Address(int a, int b, int n) => new([(byte)a, (byte)(b + n / 65536), (byte)(n / 256 % 256), (byte)(n % 256)]);
}
