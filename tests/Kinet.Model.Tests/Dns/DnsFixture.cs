// The cluster the DNS record tables answer from, and the table runner.
// Conventions: zone cluster.local (plus in-addr.arpa and ip6.arpa), ttl 5, pods insecure, SOA serial 1499347823.
// Namespaces testns, kube-system, podns, default. Services (ported from CoreDNS's handler_test.go, plus Kinet's):
//   testns/svc1        ClusterIP 10.0.0.1, port http/TCP 80; slice: 172.0.0.1 hostname ep1a
//   testns/svcempty    ClusterIP 10.0.0.1 (sic, as CoreDNS's fixture), port http/TCP 80; slice without endpoints
//   testns/svc6        ClusterIP 1234:abcd::1, port http/TCP 80
//   testns/svc-dual-stack ClusterIPs 10.0.0.3, 10::3, port http/TCP 80
//   testns/hdls1       headless, no ports; slice port http/TCP 80: 172.0.0.2, 172.0.0.3, 172.0.0.4 and 172.0.0.5
//                      (hostname dup-name), 5678:abcd::1, 5678:abcd::2
//   testns/hdlsprtls   headless; slice without ports: 172.0.0.20
//   testns/hdls-empty  headless; slice whose only endpoint (172.0.0.30) is not ready
//   testns/web         headless, ports http/TCP 80 and metrics/TCP 9090; slice with the same ports: 172.0.0.41
//                      hostname web-0, 172.0.0.42 hostname web-1, 172.0.0.43 (ready unset = ready), 172.0.0.44 not ready
//   testns/multi       ClusterIP 10.0.0.5, ports http/TCP 80, dns/UDP 53, dns-tcp/TCP 53, unnamed TCP 8080
//   testns/external    ExternalName ext.interwebs.test
//   testns/external-to-service ExternalName svc1.testns.svc.cluster.local.
//   testns/external-ip ExternalName 1.2.3.4 (an address is no CNAME target)
//   kube-system/kube-dns ClusterIP 10.96.0.10, ports dns/UDP 53, dns-tcp/TCP 53; slice: 10.244.0.5
//   unexposedns/svc1   ClusterIP 10.0.0.2 (its namespace does not exist)
// Pods: podns/foo 10.240.0.1 (running); podns/gone 10.240.0.2 (terminating); testns/bar 10.240.0.3.
using k8s.Models;
using Kinet.Model.Dns;

namespace Kinet.Model.Tests.Dns;

/// <summary>One question and the answer CoreDNS gives: rcode and zone-file lines of each section (compared as
/// sets of lines with whitespace normalised, like CoreDNS's test.SortAndCheck).</summary>
public sealed record DnsCase(string Qname, DnsType Qtype, DnsRcode Rcode, string[] Answer, string[]? Ns = null, string[]? Extra = null);

internal static class DnsFixture
{
    public const uint Serial = 1499347823;
    public const string Soa = "cluster.local.\t5\tIN\tSOA\tns.dns.cluster.local. hostmaster.cluster.local. 1499347823 7200 1800 86400 5";

    public static ClusterDnsConfig Config { get; } = new() { Ttl = 5, Pods = PodsMode.Insecure };

    public static ClusterDnsView View { get; } = BuildView();

    private static ClusterDnsView BuildView()
    {
        V1Service[] services =
        [
            Service("svc1", "testns", ["10.0.0.1"], Port("http", "TCP", 80)),
            Service("svcempty", "testns", ["10.0.0.1"], Port("http", "TCP", 80)),
            Service("svc6", "testns", ["1234:abcd::1"], Port("http", "TCP", 80)),
            Service("svc-dual-stack", "testns", ["10.0.0.3", "10::3"], Port("http", "TCP", 80)),
            Service("hdls1", "testns", ["None"]),
            Service("hdlsprtls", "testns", ["None"]),
            Service("hdls-empty", "testns", ["None"], Port("http", "TCP", 80)),
            Service("web", "testns", ["None"], Port("http", "TCP", 80), Port("metrics", "TCP", 9090)),
            Service("multi", "testns", ["10.0.0.5"], Port("http", "TCP", 80), Port("dns", "UDP", 53), Port("dns-tcp", "TCP", 53), Port(null, "TCP", 8080)),
            External("external", "testns", "ext.interwebs.test"),
            External("external-to-service", "testns", "svc1.testns.svc.cluster.local."),
            External("external-ip", "testns", "1.2.3.4"),
            Service("kube-dns", "kube-system", ["10.96.0.10"], Port("dns", "UDP", 53), Port("dns-tcp", "TCP", 53)),
            Service("svc1", "unexposedns", ["10.0.0.2"], Port("http", "TCP", 80)),
        ];
        V1EndpointSlice[] slices =
        [
            Slice("svc1", "testns", [SlicePort("http", "TCP", 80)], Endpoint("172.0.0.1", hostname: "ep1a")),
            Slice("svcempty", "testns", [SlicePort("http", "TCP", 80)]),
            Slice("hdls1", "testns", [SlicePort("http", "TCP", 80)],
                Endpoint("172.0.0.2"), Endpoint("172.0.0.3"), Endpoint("172.0.0.4", hostname: "dup-name"),
                Endpoint("172.0.0.5", hostname: "dup-name")),
            Slice("hdls1", "testns", [SlicePort("http", "TCP", 80)], Endpoint("5678:abcd::1"), Endpoint("5678:abcd::2")),
            Slice("hdlsprtls", "testns", [], Endpoint("172.0.0.20")),
            Slice("hdls-empty", "testns", [SlicePort("http", "TCP", 80)], Endpoint("172.0.0.30", ready: false)),
            Slice("web", "testns", [SlicePort("http", "TCP", 80), SlicePort("metrics", "TCP", 9090)],
                Endpoint("172.0.0.41", hostname: "web-0"), Endpoint("172.0.0.42", hostname: "web-1"),
                Endpoint("172.0.0.43", ready: null), Endpoint("172.0.0.44", ready: false)),
            Slice("kube-dns", "kube-system", [SlicePort("dns", "UDP", 53), SlicePort("dns-tcp", "TCP", 53)], Endpoint("10.244.0.5")),
        ];
        V1Pod[] pods = [Pod("foo", "podns", "10.240.0.1"), Pod("gone", "podns", "10.240.0.2", terminating: true), Pod("bar", "testns", "10.240.0.3")];
        V1Namespace[] namespaces = [.. new[] { "testns", "kube-system", "podns", "default" }.Select(n => new V1Namespace { Metadata = new V1ObjectMeta { Name = n } })];
        return ClusterDnsView.Build(services, slices, pods, namespaces, Serial);
    }

    public static V1ServicePort Port(string? name, string protocol, int port) => new() { Name = name, Protocol = protocol, Port = port };

    public static V1Service Service(string name, string ns, string[] clusterIPs, params V1ServicePort[] ports) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new V1ServiceSpec { Type = "ClusterIP", ClusterIP = clusterIPs[0], ClusterIPs = clusterIPs, Ports = ports.Length == 0 ? null : ports },
    };

    public static V1Service External(string name, string ns, string externalName) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new V1ServiceSpec { Type = "ExternalName", ExternalName = externalName, Ports = [Port("http", "TCP", 80)] },
    };

    public static Discoveryv1EndpointPort SlicePort(string? name, string protocol, int port) => new() { Name = name, Protocol = protocol, Port = port };

    public static V1Endpoint Endpoint(string ip, string? hostname = null, bool? ready = true) => new()
    {
        Addresses = [ip],
        Hostname = hostname,
        Conditions = new V1EndpointConditions { Ready = ready },
    };

    private static int _slice;

    public static V1EndpointSlice Slice(string service, string ns, Discoveryv1EndpointPort[] ports, params V1Endpoint[] endpoints) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = $"{service}-{Interlocked.Increment(ref _slice)}",
            NamespaceProperty = ns,
            Labels = new Dictionary<string, string> { ["kubernetes.io/service-name"] = service },
        },
        AddressType = endpoints.Length > 0 && endpoints[0].Addresses[0].Contains(':') ? "IPv6" : "IPv4",
        Ports = ports,
        Endpoints = endpoints,
    };

    public static V1Pod Pod(string name, string ns, string ip, bool terminating = false) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, DeletionTimestamp = terminating ? DateTime.UtcNow : null },
        Status = new V1PodStatus { PodIP = ip, Phase = "Running" },
    };

    /// <summary>Answers every case and fails with all mismatches at once.</summary>
    public static void Check(IEnumerable<DnsCase> cases, ClusterDnsView? view = null, ClusterDnsConfig? config = null)
    {
        var failures = new List<string>();
        foreach (var c in cases)
        {
            var a = ClusterDnsResolver.Resolve(view ?? View, config ?? Config, c.Qname, c.Qtype);
            var problems = new List<string>();
            if (a.Kind != DnsAnswerKind.Authoritative) problems.Add($"kind {a.Kind}");
            if (a.Rcode != c.Rcode) problems.Add($"rcode {a.Rcode}, want {c.Rcode}");
            Compare("answer", c.Answer, a.Answer, problems);
            Compare("authority", c.Ns ?? [], a.Authority, problems);
            Compare("additional", c.Extra ?? [], a.Additional, problems);
            if (problems.Count > 0) failures.Add($"{c.Qname} {c.Qtype}: {string.Join("; ", problems)}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static void Compare(string section, string[] want, IReadOnlyList<DnsRecord> got, List<string> problems)
    {
        var w = want.Select(Normalise).Order(StringComparer.Ordinal).ToList();
        var g = got.Select(r => Normalise(r.ToString())).Order(StringComparer.Ordinal).ToList();
        if (!w.SequenceEqual(g))
            problems.Add($"{section} [{string.Join(" | ", g)}], want [{string.Join(" | ", w)}]");
    }

    public static string Normalise(string line) => string.Join('\t', line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
