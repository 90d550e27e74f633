// A synthetic cluster for the DNS benchmark: N Services over 100 namespaces, every fifth headless, each with E ready
// endpoints in one EndpointSlice and a named port (`http`), as the official client's objects.
using System.Globalization;
using k8s.Models;
using Kinet.Dns.Kubernetes;

namespace Kinet.Bench.Dns;

internal static class SyntheticCluster
{
    public const int Namespaces = 100;

    public static string Namespace(int i) => $"ns-{i % Namespaces}";
    public static string Name(int i) => $"svc-{i}";
    public static bool Headless(int i) => i % 5 == 4;
    public static string ClusterIp(int i) => $"10.{96 + (i >> 16)}.{(i >> 8) & 255}.{i & 255}";
    public static string EndpointIp(int i, int e) => $"10.{244 + ((i * 16 + e) >> 16)}.{((i * 16 + e) >> 8) & 255}.{(i * 16 + e) & 255}";

    public static ClusterObjects Build(int services, int endpoints)
    {
        var svcs = new List<V1Service>(services);
        var slices = new List<V1EndpointSlice>(services);
        for (var i = 0; i < services; i++)
        {
            var ns = Namespace(i);
            svcs.Add(new V1Service
            {
                Metadata = new V1ObjectMeta { Name = Name(i), NamespaceProperty = ns, Uid = Guid.NewGuid().ToString() },
                Spec = new V1ServiceSpec
                {
                    Type = "ClusterIP",
                    ClusterIP = Headless(i) ? "None" : ClusterIp(i),
                    ClusterIPs = [Headless(i) ? "None" : ClusterIp(i)],
                    IpFamilies = ["IPv4"],
                    Ports = [new V1ServicePort { Name = "http", Port = 80, Protocol = "TCP", TargetPort = 8080 }],
                },
            });
            slices.Add(new V1EndpointSlice
            {
                Metadata = new V1ObjectMeta
                {
                    Name = $"{Name(i)}-abcde",
                    NamespaceProperty = ns,
                    Labels = new Dictionary<string, string> { ["kubernetes.io/service-name"] = Name(i) },
                },
                AddressType = "IPv4",
                Endpoints = [.. Enumerable.Range(0, endpoints).Select(e => new V1Endpoint
                {
                    Addresses = [EndpointIp(i, e)],
                    Conditions = new V1EndpointConditions { Ready = true, Serving = true, Terminating = false },
                })],
                Ports = [new Discoveryv1EndpointPort { Name = "http", Port = 8080, Protocol = "TCP" }],
            });
        }
        var namespaces = Enumerable.Range(0, Namespaces)
            .Select(n => new V1Namespace { Metadata = new V1ObjectMeta { Name = string.Create(CultureInfo.InvariantCulture, $"ns-{n}") } }).ToList();
        return new ClusterObjects(svcs, slices, [], namespaces);
    }
}
