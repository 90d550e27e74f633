// A view of 10,000 Services with 10 ready endpoints each (the memory benchmark size): built, and answering by
// name and by address. The build time is written to the test output, not asserted (no wall-clock bounds in tests).
using System.Diagnostics;
using k8s.Models;
using Kinet.Model.Dns;
using Xunit.Abstractions;
using static Kinet.Model.Tests.Dns.DnsFixture;

namespace Kinet.Model.Tests.Dns;

public class ViewScaleTests(ITestOutputHelper output)
{
    private static string EndpointIP(int k) => $"10.{200 + (k >> 16)}.{(k >> 8) & 255}.{k & 255}";

    /// <summary>This thread's time on a CPU (Linux schedstat); the machine may be busy, so wall time says little.</summary>
    private static long ThreadCpuNanoseconds()
    {
        try { return long.Parse(File.ReadAllText("/proc/thread-self/schedstat").Split(' ')[0]); }
        catch (IOException) { return 0; }
    }

    [Fact]
    public void Ten_thousand_services_with_ten_endpoints_each_answer_by_name_and_address()
    {
        const int count = 10_000;
        var services = new List<V1Service>(count);
        var slices = new List<V1EndpointSlice>(count);
        for (var i = 0; i < count; i++)
        {
            var name = $"svc-{i}";
            var headless = i % 2 == 1;
            services.Add(Service(name, "bench", [headless ? "None" : $"10.{96 + i / 65536}.{i / 256 % 256}.{i % 256}"], Port("http", "TCP", 80)));
            slices.Add(Slice(name, "bench", [SlicePort("http", "TCP", 8080)],
                [.. Enumerable.Range(0, 10).Select(e => Endpoint(EndpointIP(i * 10 + e), hostname: headless ? $"pod-{e}" : null))]));
        }
        V1Namespace[] namespaces = [new() { Metadata = new V1ObjectMeta { Name = "bench" } }];

        var before = GC.GetTotalMemory(true);
        var retained = ClusterDnsView.Build(services, slices, [], namespaces, Serial);
        output.WriteLine($"The view holds about {(GC.GetTotalMemory(true) - before) / 1e6:F1} MB");
        GC.KeepAlive(retained);
        ClusterDnsView view = ClusterDnsView.Empty;
        for (var round = 0; round < 3; round++)   // the first round includes JIT compilation
        {
            var watch = Stopwatch.StartNew();
            var cpu = ThreadCpuNanoseconds();
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var collections = GC.CollectionCount(0);
            view = ClusterDnsView.Build(services, slices, [], namespaces, Serial);
            output.WriteLine($"Build of {count} Services x 10 endpoints: {watch.Elapsed.TotalMilliseconds:F1} ms wall, " +
                $"{(ThreadCpuNanoseconds() - cpu) / 1e6:F1} ms on CPU, {(GC.GetAllocatedBytesForCurrentThread() - allocated) / 1e6:F1} MB allocated, " +
                $"{GC.CollectionCount(0) - collections} gen0 GCs");
        }

        Assert.Equal(count, view.ServiceCount);
        var a = ClusterDnsResolver.Resolve(view, Config, "svc-9998.bench.svc.cluster.local.", DnsType.A);
        Assert.Equal("svc-9998.bench.svc.cluster.local.\t5\tIN\tA\t10.96.39.14", Assert.Single(a.Answer).ToString());
        var headlessAnswer = ClusterDnsResolver.Resolve(view, Config, "svc-9999.bench.svc.cluster.local.", DnsType.A);
        Assert.Equal(10, headlessAnswer.Answer.Count);
        var ptr = ClusterDnsResolver.Resolve(view, Config, "14.39.96.10.in-addr.arpa.", DnsType.PTR);
        Assert.Equal("14.39.96.10.in-addr.arpa.\t5\tIN\tPTR\tsvc-9998.bench.svc.cluster.local.", Assert.Single(ptr.Answer).ToString());
        // Endpoint 99,993 is svc-9999's fourth: 10.201.134.153.
        Assert.Equal("10.201.134.153", EndpointIP(99_993));
        var endpointPtr = ClusterDnsResolver.Resolve(view, Config, "153.134.201.10.in-addr.arpa.", DnsType.PTR);
        Assert.Equal("153.134.201.10.in-addr.arpa.\t5\tIN\tPTR\tpod-3.svc-9999.bench.svc.cluster.local.", Assert.Single(endpointPtr.Answer).ToString());
    }
}
