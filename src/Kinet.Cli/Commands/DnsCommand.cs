// `kinet dns query NAME [TYPE]`: answers a DNS question as the cluster DNS server would, without asking one — the pure
// record logic (ClusterDnsResolver) over the running cluster's objects or over manifest files (-f, offline, for CI).
// Prints dig-like output; exits 0 for any answer (NXDOMAIN included, as dig), 1 with one line for bad input.
using System.CommandLine;
using Kinet.Cli.Clusters;
using Kinet.Cli.Dns;
using Kinet.Model.Dns;

namespace Kinet.Cli.Commands;

internal static class DnsCommand
{
    public static Command Create(CliEnvironment env)
    {
        var name = CommonOptions.Name();
        var qname = new Argument<string>("NAME") { Description = "the name to look up (an IP address means its PTR name, as dig -x)" };
        var qtype = new Argument<string?>("TYPE") { Description = "A (default), AAAA, SRV, PTR, CNAME, TXT, SOA, NS or ANY", Arity = ArgumentArity.ZeroOrOne };
        var fromNamespace = new Option<string?>("--from-namespace")
        {
            Description = "ask as a pod of this namespace would: its resolv.conf search list and ndots:5 (the first name that answers wins)",
        };
        var files = new Option<string[]>("--filename", "-f")
        {
            Description = "answer from these manifest files or directories instead of the running cluster",
            AllowMultipleArgumentsPerToken = false,
        };
        var query = new Command("query", "Answer a DNS question from the cluster's objects, as the cluster DNS server would") { name, qname, qtype, fromNamespace, files };
        query.SetAction((parse, ct) => QueryAsync(env, CommonOptions.ClusterNameOf(parse, name), parse.GetValue(qname)!, parse.GetValue(qtype),
            parse.GetValue(fromNamespace), parse.GetValue(files) ?? [], ct));
        return new Command("dns", "Cluster DNS analysis (no server needed)") { query };
    }

    public static async Task<int> QueryAsync(CliEnvironment env, string cluster, string name, string? type, string? fromNamespace,
        IReadOnlyList<string> files, CancellationToken ct)
    {
        var reverse = System.Net.IPAddress.TryParse(name, out _);
        var qtype = DnsQuestion.ParseType(type, reverse);
        DnsQuestion.Absolute(name); // validates before any reading
        if (fromNamespace is { } ns && !IsDnsLabel(ns)) throw new CliException($"--from-namespace \"{ns}\" is not a valid namespace name");

        var snapshot = files.Count > 0
            ? DnsSnapshot.FromManifests(ManifestObjects.Load(files), "cluster.local")
            : await DnsSnapshot.FromClusterAsync(ClusterClientConfig.ForRunning(ClusterDirectory.For(env.KinetHome, cluster)), ClusterDomain(env, cluster), ct);

        // Without --from-namespace the name is asked as given (absolute); with it, as glibc in a pod of that namespace
        // asks (DnsAnalysis: kubelet's search list, ndots:5): the first answer wins, else a NODATA over an NXDOMAIN.
        var absolute = DnsQuestion.Absolute(name);
        var (asked, answer) = fromNamespace is null || reverse
            ? (absolute, ClusterDnsResolver.Resolve(snapshot.View, snapshot.Config, absolute, qtype))
            : Shown(DnsAnalysis.Lookup(snapshot.View, snapshot.Config, fromNamespace, name, qtype));
        env.Out.Write(DigOutput.Format(asked, qtype, answer, snapshot.Config));
        return 0;
    }

    private static (string Name, DnsAnswer Answer) Shown(DnsLookupResult result)
    {
        var step = result.Final ?? result.Tried.FirstOrDefault(t => t.Answer.Rcode == DnsRcode.NoError) ?? result.Tried[^1];
        return (step.Name, step.Answer);
    }

    private static bool IsDnsLabel(string s) =>
        s.Length is > 0 and <= 63 && s.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-') && s[0] != '-' && s[^1] != '-';

    /// <summary>The cluster's domain from its config (cluster.local without one).</summary>
    private static string ClusterDomain(CliEnvironment env, string cluster)
    {
        var dir = ClusterDirectory.For(env.KinetHome, cluster);
        var text = File.Exists(dir.Config) ? File.ReadAllText(dir.Config) : null;
        return Kinet.Model.Cluster.ClusterConfig.Parse(text, cluster).Spec.ClusterDomain;
    }
}
