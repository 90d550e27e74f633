// The host against a real (in-process) API server: answers follow Services and EndpointSlices, a ConfigMap edit
// reloads the Corefile without a restart (a bad one keeps the old), and the health and ready probes answer.
using System.Net.Http;
using k8s;
using k8s.Models;
using Kinet.Dns.Tests.Support;

namespace Kinet.Dns.Tests.Hosting;

public class CoreDnsHostTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task A_service_resolves_once_created_and_stops_resolving_once_deleted()
    {
        var svc = await fixture.Client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 80 }] },
        }, "testns");

        var created = await Eventually.MatchAsync(() => UdpDns.AskAsync(fixture.Endpoints.Dns, "web.testns.svc.cluster.local."), r => r.Answers == 1, "created");
        await fixture.Client.CoreV1.DeleteNamespacedServiceAsync("web", "testns");
        await Eventually.MatchAsync(() => UdpDns.AskAsync(fixture.Endpoints.Dns, "web.testns.svc.cluster.local."), r => r.Rcode == 3, "deleted");

        Assert.Equal(System.Net.IPAddress.Parse(svc.Spec.ClusterIP).GetAddressBytes(), created.Bytes[^4..]);
    }

    [Fact]
    public async Task An_endpoint_that_becomes_unready_drops_out_of_a_headless_answer()
    {
        await fixture.Client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "hdls" },
            Spec = new V1ServiceSpec { ClusterIP = "None", Ports = [new V1ServicePort { Port = 80 }] },
        }, "testns");
        var slice = await fixture.Client.DiscoveryV1.CreateNamespacedEndpointSliceAsync(new V1EndpointSlice
        {
            Metadata = new V1ObjectMeta { Name = "hdls-abc", Labels = new Dictionary<string, string> { ["kubernetes.io/service-name"] = "hdls" } },
            AddressType = "IPv4",
            Endpoints = [.. Enumerable.Range(1, 3).Select(i => new V1Endpoint { Addresses = [$"10.244.0.{i}"], Conditions = new V1EndpointConditions { Ready = true } })],
        }, "testns");
        await Eventually.MatchAsync(() => UdpDns.AskAsync(fixture.Endpoints.Dns, "hdls.testns.svc.cluster.local."), r => r.Answers == 3, "three ready");

        slice.Endpoints[1].Conditions.Ready = false;
        await fixture.Client.DiscoveryV1.ReplaceNamespacedEndpointSliceAsync(slice, "hdls-abc", "testns");

        await Eventually.MatchAsync(() => UdpDns.AskAsync(fixture.Endpoints.Dns, "hdls.testns.svc.cluster.local."), r => r.Answers == 2, "one unready");
    }

    [Fact]
    public async Task Editing_the_ttl_in_the_configmap_takes_effect_and_a_bad_corefile_keeps_the_old_one()
    {
        await fixture.Client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "ttl" },
            Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 80 }] },
        }, "testns");
        await Eventually.MatchAsync(() => UdpDns.AskAsync(fixture.Endpoints.Dns, "ttl.testns.svc.cluster.local."), r => r.FirstTtl == 5, "ttl 5");

        await SetCorefile(HostFixture.InitialCorefile.Replace("ttl 5", "ttl 30", StringComparison.Ordinal));
        await Eventually.MatchAsync(() => UdpDns.AskAsync(fixture.Endpoints.Dns, "ttl.testns.svc.cluster.local."), r => r.FirstTtl == 30, "ttl 30");
        await SetCorefile(HostFixture.InitialCorefile.Replace("ttl 5", "ttl 60\n        bogus", StringComparison.Ordinal));
        await Eventually.MatchAsync(() => Task.FromResult(fixture.Log.ToArray()), l => l.Any(line => line.Contains("Restart failed", StringComparison.Ordinal)), "reload error logged");
        var afterBad = await UdpDns.AskAsync(fixture.Endpoints.Dns, "ttl.testns.svc.cluster.local.");
        await SetCorefile(HostFixture.InitialCorefile);

        Assert.Equal(30u, afterBad.FirstTtl);
    }

    [Fact]
    public async Task Health_and_ready_answer_ok_and_other_paths_are_not_found()
    {
        using var http = new HttpClient();
        var health = await http.GetAsync($"http://{fixture.Endpoints.Health}/health");
        var ready = await http.GetAsync($"http://{fixture.Endpoints.Ready}/ready");
        var other = await http.GetAsync($"http://{fixture.Endpoints.Ready}/metrics");

        Assert.Equal((System.Net.HttpStatusCode.OK, "OK"), (health.StatusCode, await health.Content.ReadAsStringAsync()));
        Assert.Equal((System.Net.HttpStatusCode.OK, "OK"), (ready.StatusCode, await ready.Content.ReadAsStringAsync()));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, other.StatusCode);
    }

    private async Task SetCorefile(string text)
    {
        var cm = await fixture.Client.CoreV1.ReadNamespacedConfigMapAsync("coredns", "kube-system");
        cm.Data["Corefile"] = text;
        await fixture.Client.CoreV1.ReplaceNamespacedConfigMapAsync(cm, "coredns", "kube-system");
    }
}
