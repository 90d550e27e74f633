// Record logic for host tests: `ttl N` from the Corefile (a Corefile containing "bogus" does not parse), an A record per
// ClusterIP Service and per ready endpoint of a headless one. Enough to see the host follow the cluster.
using System.Text.RegularExpressions;
using Kinet.Dns.Hosting;
using Kinet.Model.Dns;

namespace Kinet.Dns.Tests.Support;

internal static partial class FakeLogic
{
    public static readonly DnsLogic Instance = new(Parse, () => "ttl 5", (objects, config) =>
    {
        var records = new List<DnsRecord>();
        foreach (var svc in objects.Services)
        {
            var name = $"{svc.Metadata.Name}.{svc.Metadata.NamespaceProperty}.svc.cluster.local.";
            if (svc.Spec?.ClusterIP is { } ip && ip != "None") records.Add(FakeZone.A(name, ip, config.Ttl));
            else
                records.AddRange(objects.EndpointSlices
                    .Where(s => s.Metadata.NamespaceProperty == svc.Metadata.NamespaceProperty &&
                        s.Metadata.Labels?.TryGetValue("kubernetes.io/service-name", out var owner) == true && owner == svc.Metadata.Name)
                    .SelectMany(s => s.Endpoints ?? [])
                    .Where(e => e.Conditions?.Ready != false)
                    .SelectMany(e => e.Addresses)
                    .Select(a => FakeZone.A(name, a, config.Ttl)));
        }
        return FakeZone.Of(records, config);
    });

    private static ClusterDnsConfig Parse(string corefile)
    {
        if (corefile.Contains("bogus", StringComparison.Ordinal)) throw new CorefileException("Corefile:3 - Error during parsing: unknown property 'bogus'");
        var ttl = TtlPattern().Match(corefile);
        return new ClusterDnsConfig { Ttl = ttl.Success ? uint.Parse(ttl.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 5 };
    }

    [GeneratedRegex(@"ttl (\d+)")]
    private static partial Regex TtlPattern();
}
