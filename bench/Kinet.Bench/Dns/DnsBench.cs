// `dns-serve`: serves the synthetic cluster's names (bench/dns.sh) and writes the query file for dnsperf and the same
// answers as an NSD zone file, so both servers are asked the same questions about the same records.
// Usage: dns-serve <dir> <port> [services=10000] [endpoints=10] [queries=50000]
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Kinet.Dns.Serving;
using Kinet.Model.Dns;

namespace Kinet.Bench.Dns;

internal static class DnsBench
{
    public static async Task<int> ServeAsync(string[] args)
    {
        var dir = args[1];
        var port = int.Parse(args[2], CultureInfo.InvariantCulture);
        var services = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 10_000;
        var endpoints = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 10;
        var queries = args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 50_000;

        var config = new ClusterDnsConfig();
        var objects = SyntheticCluster.Build(services, endpoints);
        var (zone, logic) = MakeZone(objects, config, services, endpoints);
        objects = null; // the view keeps what it needs
        Console.Error.WriteLine($"record logic: {logic}");

        var questions = Questions(services, queries);
        await File.WriteAllLinesAsync(Path.Combine(dir, "queries.txt"), questions.Select(q => $"{q.Name} {q.Type}"));
        await File.WriteAllTextAsync(Path.Combine(dir, "cluster.local.zone"), ZoneFile(zone, questions));

        // KINET_DNS_UDP=<loops>[,reuseport] tries other receive layouts (the default is what measured fastest).
        var layout = (Environment.GetEnvironmentVariable("KINET_DNS_UDP") ?? "").Split(',');
        var loops = int.TryParse(layout[0], CultureInfo.InvariantCulture, out var l) ? l : 0;
        using var server = DnsServer.Start(IPAddress.Loopback, port, zone, (f, t, p) => new Socket(f, t, p), Console.Error.WriteLine,
            loops, reusePort: layout.Contains("reuseport"));
        GC.Collect();
        Console.Error.WriteLine($"managed heap after building: {GC.GetTotalMemory(true) >> 20} MiB");
        await File.WriteAllTextAsync(Path.Combine(dir, "ready"), logic);
        await Task.Delay(Timeout.Infinite); // until the script stops us (SIGTERM)
        return 0;
    }

    private static (DnsZone Zone, string Logic) MakeZone(Kinet.Dns.Kubernetes.ClusterObjects o, ClusterDnsConfig config, int services, int endpoints)
    {
        try
        {
            var zone = DnsZone.Of(ClusterDnsView.Build(o.Services, o.EndpointSlices, o.Pods, o.Namespaces), config);
            zone.Resolve("svc-0.ns-0.svc.cluster.local.", DnsType.A);
            return (zone, "real (ClusterDnsResolver)");
        }
        catch (NotImplementedException)
        {
            return (new DnsZone(config, FakeClusterAnswers.Build(services, endpoints, config.Ttl)), "synthetic stand-in (ClusterDnsResolver not implemented yet)");
        }
    }

    /// <summary>60% A of ClusterIP Services, 15% A of headless ones, 15% SRV, 10% NXDOMAIN; seeded, so repeatable.</summary>
    private static List<(string Name, DnsType Type)> Questions(int services, int count)
    {
        var random = new Random(1);
        var list = new List<(string, DnsType)>(count);
        string Svc(Func<int, bool> want)
        {
            while (true)
            {
                var i = random.Next(services);
                if (want(i)) return $"{SyntheticCluster.Name(i)}.{SyntheticCluster.Namespace(i)}.svc.cluster.local.";
            }
        }
        for (var n = 0; n < count; n++)
        {
            var roll = random.Next(100);
            list.Add(roll switch
            {
                < 60 => (Svc(i => !SyntheticCluster.Headless(i)), DnsType.A),
                < 75 => (Svc(SyntheticCluster.Headless), DnsType.A),
                < 90 => ("_http._tcp." + Svc(i => !SyntheticCluster.Headless(i)), DnsType.SRV),
                _ => ($"missing-{random.Next(1_000_000)}.ns-{random.Next(SyntheticCluster.Namespaces)}.svc.cluster.local.", DnsType.A),
            });
        }
        return list;
    }

    /// <summary>The zone-file lines of every answer the queries get (the record logic's own lines), for NSD.</summary>
    private static string ZoneFile(DnsZone zone, List<(string Name, DnsType Type)> questions)
    {
        var sb = new StringBuilder();
        sb.AppendLine("$ORIGIN cluster.local.");
        sb.AppendLine("cluster.local.\t5\tIN\tSOA\tns.dns.cluster.local. hostmaster.cluster.local. 1700000000 7200 1800 86400 5");
        sb.AppendLine("cluster.local.\t5\tIN\tNS\tns.dns.cluster.local.");
        sb.AppendLine("ns.dns.cluster.local.\t5\tIN\tA\t10.96.0.10");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var q in questions.Distinct())
        {
            var answer = zone.Resolve(q.Name, q.Type);
            foreach (var r in answer.Answer.Concat(answer.Additional))
            {
                // Not r.ToString(): the derived records' compiler-generated ToString hides DnsRecord's zone-file form.
                var line = $"{r.Name}\t{r.Ttl}\tIN\t{r.Type}\t{r.DataText}";
                if (seen.Add(line)) sb.AppendLine(line);
            }
        }
        return sb.ToString();
    }
}
