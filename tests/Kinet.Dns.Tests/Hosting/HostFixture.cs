// One in-process API server and one DNS host watching it (with the test record logic), shared by a test class.
using System.Collections.Concurrent;
using System.Net;
using k8s;
using k8s.Models;
using Kinet.Api.Tests.Support;
using Kinet.Dns.Hosting;
using Kinet.Dns.Tests.Support;
using Kinet.Store.Memory;

namespace Kinet.Dns.Tests.Hosting;

public sealed class HostFixture : IAsyncLifetime
{
    public const string InitialCorefile = ".:53 {\n    kubernetes cluster.local in-addr.arpa ip6.arpa {\n        ttl 5\n    }\n}\n";

    private readonly CancellationTokenSource _stop = new();
    private Task _host = Task.CompletedTask;

    public TestApiServer Api { get; private set; } = null!;
    public k8s.Kubernetes Client { get; private set; } = null!;
    public CoreDnsEndpoints Endpoints { get; private set; } = null!;
    public ConcurrentQueue<string> Log { get; } = new();

    public async Task InitializeAsync()
    {
        Api = await TestApiServer.StartAsync(new MemoryObjectStore());
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(Api.KubeconfigPath);
        Client = new k8s.Kubernetes(config);
        foreach (var ns in (string[])["default", "kube-system", "testns"])
        {
            try { await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }); }
            catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict) { }
        }
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = "coredns", NamespaceProperty = "kube-system" },
            Data = new Dictionary<string, string> { ["Corefile"] = InitialCorefile },
        }, "kube-system");

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _host = CoreDnsHost.RunAsync(new CoreDnsOptions
        {
            Kubernetes = config,
            ListenAddress = IPAddress.Loopback,
            HealthPort = 0,
            ReadyPort = 0,
            Listening = e => Endpoints = e,
            Log = Log.Enqueue,
        }, DnsLogic.Real, _stop.Token, ready);
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _host;
        Client.Dispose();
        await Api.DisposeAsync();
    }
}
