// /etc/resolv.conf as a pod gets it: the kubelet's DNS configurer (pkg/kubelet/network/dns) decides servers, searches
// and options per dnsPolicy and dnsConfig, and containerd writes them as "search", "nameserver" and "options" lines.
using System.Text.Json.Nodes;
using Kinet.Model;

namespace Kinet.Controllers.Nodes.Plans;

public static class ResolvConf
{
    // validation.MaxDNSNameservers, MaxDNSSearchPaths and MaxDNSSearchListChars (ExpandedDNSConfig, GA since 1.28).
    private const int MaxNameservers = 3;
    private const int MaxSearchPaths = 32;
    private const int MaxSearchListChars = 2048;
    private const int MaxSearchPathLength = 253;

    public sealed record DnsConfig(IReadOnlyList<string> Servers, IReadOnlyList<string> Searches, IReadOnlyList<string> Options);

    /// <summary>The file's text for the pod, and the kubelet's DNSConfigForming warnings when limits cut it.</summary>
    public static string Render(JsonObject pod, PodPlanSettings settings, List<PlanWarning>? warnings = null)
    {
        var text = Format(Config(pod, settings, warnings ?? []));
        // containerd copies the host's file when the kubelet's config has nothing to write.
        return text.Length == 0 ? settings.HostResolvConf ?? "" : text;
    }

    /// <summary>Configurer.GetPodDNS.</summary>
    public static DnsConfig Config(JsonObject pod, PodPlanSettings settings, List<PlanWarning> warnings)
    {
        var host = settings.HostResolvConf is { } text ? Parse(text) : new DnsConfig([], [], []);
        var servers = host.Servers.ToList();
        var searches = host.Searches.ToList();
        var options = host.Options.ToList();
        var policy = JsonRead.Str(pod, "spec", "dnsPolicy") is { Length: > 0 } p ? p : "ClusterFirst";
        var hostNetwork = JsonRead.Bool(pod, "spec", "hostNetwork");
        var type = policy switch
        {
            "None" => "none",
            "ClusterFirstWithHostNet" => "cluster",
            "ClusterFirst" => hostNetwork ? "host" : "cluster",
            "Default" => "host",
            _ => "cluster",
        };
        if (type == "none")
        {
            servers = []; searches = []; options = [];
        }
        else if (type == "cluster" && settings.ClusterDns.Count > 0)
        {
            servers = [.. settings.ClusterDns];
            searches = ClusterSearches(JsonRead.Str(pod, "metadata", "namespace") ?? "default", settings.ClusterDomain, searches);
            options = ["ndots:5"];
        }
        else
        {
            if (type == "cluster")
            {
                var msg = "kubelet does not have ClusterDNS IP configured and cannot create Pod using \"ClusterFirst\" policy. Falling back to \"Default\" policy.";
                warnings.Add(new PlanWarning("MissingClusterDNS", $"pod: \"{PodRef(pod)}\". {msg}"));
            }
            if (settings.HostResolvConf is null)
            {
                // --resolv-conf="": the kubelet effectively disables DNS rather than let the runtime copy the host's file.
                servers = settings.HostIPs.Count == 0 ? ["127.0.0.1"] : settings.HostIPs.Select(ip => ip.Contains(':') ? "::1" : "127.0.0.1").ToList();
                searches = ["."];
            }
        }
        if (JsonRead.At(pod, "spec", "dnsConfig") is JsonObject dnsConfig)
        {
            servers = Distinct(servers.Concat(Strings(dnsConfig["nameservers"])));
            searches = Distinct(searches.Concat(Strings(dnsConfig["searches"])));
            options = MergeOptions(options, (dnsConfig["options"] as JsonArray)?.OfType<JsonObject>() ?? []);
        }
        return new DnsConfig(FitNameservers(servers, warnings), FitSearches(searches, warnings), options);
    }

    /// <summary>containerd's parseDNSOptions; an all-empty config is an empty file.</summary>
    public static string Format(DnsConfig c)
    {
        var sb = new System.Text.StringBuilder();
        if (c.Searches.Count > 0) sb.Append("search ").Append(string.Join(' ', c.Searches)).Append('\n');
        foreach (var s in c.Servers) sb.Append("nameserver ").Append(s).Append('\n');
        if (c.Options.Count > 0) sb.Append("options ").Append(string.Join(' ', c.Options)).Append('\n');
        return sb.ToString();
    }

    /// <summary>parseResolvConf: nameservers accumulate, the last search and options lines win, comments are skipped.</summary>
    public static DnsConfig Parse(string text)
    {
        var servers = new List<string>();
        IReadOnlyList<string> searches = [];
        IReadOnlyList<string> options = [];
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith('#')) continue;
            var fields = trimmed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0) continue;
            switch (fields[0])
            {
                case "nameserver" when fields.Length >= 2: servers.Add(fields[1]); break;
                case "search": searches = fields[1..].Select(s => s.TrimEnd('.')).Where(s => s.Length > 0).ToList(); break;
                case "options": options = fields[1..]; break;
            }
        }
        return new DnsConfig(servers, searches, options);
    }

    private static List<string> ClusterSearches(string ns, string domain, IEnumerable<string> hostSearch) =>
        domain.Length == 0 ? hostSearch.ToList() : Distinct(new[] { $"{ns}.svc.{domain}", $"svc.{domain}", domain }.Concat(hostSearch));

    // mergeDNSOptions: dnsConfig options replace same-named ones. (The kubelet goes through a Go map, so its order
    // varies; Kinet keeps the existing options first, then new ones, in the order given.)
    private static List<string> MergeOptions(IEnumerable<string> existing, IEnumerable<JsonObject> extra)
    {
        var merged = new List<KeyValuePair<string, string>>();
        void Set(string name, string value)
        {
            var i = merged.FindIndex(kv => kv.Key == name);
            if (i >= 0) merged[i] = new(name, value); else merged.Add(new(name, value));
        }
        foreach (var op in existing)
        {
            var colon = op.IndexOf(':');
            if (colon >= 0) Set(op[..colon], op[(colon + 1)..]); else Set(op, "");
        }
        foreach (var op in extra) Set(JsonRead.Str(op, "name") ?? "", JsonRead.Str(op, "value") ?? "");
        return merged.Select(kv => kv.Value.Length > 0 ? kv.Key + ":" + kv.Value : kv.Key).ToList();
    }

    private static List<string> FitNameservers(List<string> servers, List<PlanWarning> warnings)
    {
        if (servers.Count <= MaxNameservers) return servers;
        var kept = servers.Take(MaxNameservers).ToList();
        warnings.Add(new PlanWarning("DNSConfigForming",
            "Nameserver limits were exceeded, some nameservers have been omitted, the applied nameserver line is: " + string.Join(' ', kept)));
        return kept;
    }

    // formDNSSearchFitsLimits: at most 32 paths, none over 253 characters, the line at most 2048 characters (cut from the end).
    private static List<string> FitSearches(List<string> searches, List<PlanWarning> warnings)
    {
        var exceeded = false;
        if (searches.Count > MaxSearchPaths)
        {
            searches = searches.Take(MaxSearchPaths).ToList();
            exceeded = true;
        }
        if (searches.Any(s => s.Length > MaxSearchPathLength))
        {
            searches = searches.Where(s => s.Length <= MaxSearchPathLength).ToList();
            exceeded = true;
        }
        var lineLength = string.Join(' ', searches).Length;
        if (lineLength > MaxSearchListChars)
        {
            int cutCount = 0, cutLength = 0;
            for (var i = searches.Count - 1; i >= 0; i--)
            {
                cutLength += searches[i].Length + 1;
                cutCount++;
                if (lineLength - cutLength <= MaxSearchListChars) break;
            }
            searches = searches.Take(searches.Count - cutCount).ToList();
            exceeded = true;
        }
        if (exceeded)
        {
            warnings.Add(new PlanWarning("DNSConfigForming",
                "Search Line limits were exceeded, some search paths have been omitted, the applied search line is: " + string.Join(' ', searches)));
        }
        return searches;
    }

    private static List<string> Distinct(IEnumerable<string> items) => items.Distinct(StringComparer.Ordinal).ToList();

    private static IEnumerable<string> Strings(JsonNode? node) =>
        (node as JsonArray)?.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>() ?? [];

    // format.Pod: name_namespace(uid).
    private static string PodRef(JsonObject pod) =>
        $"{JsonRead.Str(pod, "metadata", "name")}_{JsonRead.Str(pod, "metadata", "namespace")}({JsonRead.Str(pod, "metadata", "uid")})";
}
