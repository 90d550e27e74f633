// The Corefile subset Kinet serves: one server block (`.:53`) with `kubernetes <zones> { pods ...; ttl N; fallthrough }`
// and `forward . <upstreams>`; other plugins (errors, health, ready, prometheus, cache, loop, reload, loadbalance)
// are accepted and ignored. SEAM (written before the helpers started): the record helper implements it.
//
// Errors read like CoreDNS's: "Corefile:7 - Error during parsing: ttl must be in range [0, 3600]: 4000". Plugins that
// would change answers in ways Kinet does not implement (rewrite, hosts, template, ...) are errors, not silently
// ignored. `forward . /etc/resolv.conf` keeps the path in ForwardFiles and adds no upstream (see ClusterDnsConfig).
using System.Globalization;
using System.Net;

namespace Kinet.Model.Dns;

public static class Corefile
{
    // Plugins that do not change which answers the record logic gives: accepted with any arguments and block.
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal)
    {
        "errors", "health", "ready", "prometheus", "cache", "loop", "reload", "loadbalance", "log", "debug", "bind",
    };

    /// <summary>The configuration of <paramref name="text"/>; throws <see cref="CorefileException"/> (line number and
    /// CoreDNS-like message) when it is not valid.</summary>
    public static ClusterDnsConfig Parse(string text)
    {
        var blocks = CorefileSyntax.Read(CorefileTokens.Read(text ?? ""));
        if (blocks.Count == 0) throw Error(1, "no server block");
        if (blocks.Count > 1) throw Error(blocks[1].Line, $"Kinet serves one server block; found another: '{string.Join(' ', blocks[1].Keys)}'");
        var block = blocks[0];
        var (blockZones, port) = ServerKeys(block);

        var config = new ClusterDnsConfig { Zones = [], Fallthrough = [], Pods = PodsMode.Disabled, Ttl = 5, Forward = [], Port = port };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in block.Directives)
        {
            if (d.Name is "kubernetes" or "forward" && !seen.Add(d.Name))
                throw Error(d.Line, $"plugin/{d.Name}: this plugin can only be used once per Server Block");
            config = d.Name switch
            {
                "kubernetes" => Kubernetes(config, d, blockZones),
                "forward" => Forward(config, d),
                _ when Ignored.Contains(d.Name) => config,
                _ when KnownUnsupported.Contains(d.Name) => throw Error(d.Line, $"plugin '{d.Name}' is not supported by Kinet"),
                _ => throw Error(d.Line, $"Unknown directive '{d.Name}'"),
            };
        }
        return config;
    }

    /// <summary>The Corefile kubeadm writes into the coredns ConfigMap (with Kinet's cluster domain), with Kinet's
    /// default TTL of 5 seconds where kubeadm says 30.</summary>
    public static string Default(string clusterDomain = "cluster.local") => $$"""
        .:53 {
            errors
            health {
               lameduck 5s
            }
            ready
            kubernetes {{clusterDomain.TrimEnd('.')}} in-addr.arpa ip6.arpa {
               pods insecure
               fallthrough in-addr.arpa ip6.arpa
               ttl 5
            }
            prometheus :9153
            forward . /etc/resolv.conf {
               max_concurrent 1000
            }
            cache 30
            loop
            reload
            loadbalance
        }

        """;

    private static readonly HashSet<string> KnownUnsupported = new(StringComparer.Ordinal)
    {
        "rewrite", "hosts", "template", "autopath", "file", "auto", "secondary", "etcd", "k8s_external", "whoami",
        "erratic", "chaos", "any", "acl", "dnssec", "sign", "transfer", "minimal", "dns64", "route53", "grpc",
        "local", "metadata", "trace", "view", "tls", "nsid", "root", "import", "header", "loadbalance_weighted",
    };

    private static CorefileException Error(int line, string message) => new($"Corefile:{line} - Error during parsing: {message}");

    private static (List<string> Zones, int Port) ServerKeys(CorefileBlock block)
    {
        var zones = new List<string>();
        var port = 53;
        foreach (var raw in block.Keys)
        {
            var key = raw.StartsWith("dns://", StringComparison.OrdinalIgnoreCase) ? raw[6..] : raw;
            if (key.Contains("://")) throw Error(block.Line, $"Kinet serves plain DNS only: '{raw}'");
            var colon = key.LastIndexOf(':');
            if (colon >= 0)
            {
                if (!int.TryParse(key[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
                    throw Error(block.Line, $"invalid port in server block key '{raw}'");
                key = key[..colon];
            }
            zones.Add(Zone(key.Length == 0 ? "." : key));
        }
        return (zones, port);
    }

    private static string Zone(string name) => DnsNames.Fqdn(name.ToLowerInvariant());

    private static ClusterDnsConfig Kubernetes(ClusterDnsConfig config, CorefileDirective d, List<string> blockZones)
    {
        var zones = d.Args.Count > 0 ? d.Args.ConvertAll(a => Zone(a.Text)) : blockZones;
        if (!zones.Exists(z => !z.EndsWith("arpa.", StringComparison.Ordinal)))
            throw Error(d.Line, "non-reverse zone name must be used");
        config = config with { Zones = zones };
        foreach (var p in d.Block)
        {
            var args = p.Args.ConvertAll(a => a.Text);
            config = p.Name switch
            {
                "pods" when args.Count == 1 => config with
                {
                    Pods = args[0] switch
                    {
                        "disabled" => PodsMode.Disabled,
                        "insecure" => PodsMode.Insecure,
                        "verified" => PodsMode.Verified,
                        _ => throw Error(p.Line, $"wrong value for pods: {args[0]},  must be one of: disabled, verified, insecure"),
                    },
                },
                "ttl" when args.Count > 0 => config with { Ttl = Ttl(p, args[0]) },
                "fallthrough" => config with { Fallthrough = args.Count == 0 ? ["."] : args.ConvertAll(Zone) },
                // How to reach the API server: the host gives Kinet's DNS its client configuration.
                "endpoint" or "tls" or "kubeconfig" when args.Count > 0 => config,
                "pods" or "ttl" or "endpoint" or "tls" or "kubeconfig" => throw ArgError(p),
                "namespaces" or "labels" or "namespace_labels" or "endpoint_pod_names" or "noendpoints" or "ignore" or "zonal"
                    or "multicluster" or "startup_timeout" or "apiserver_qps" or "apiserver_burst" or "apiserver_max_inflight"
                    => throw Error(p.Line, $"kubernetes option '{p.Name}' is not supported by Kinet"),
                _ => throw Error(p.Line, $"unknown property '{p.Name}'"),
            };
        }
        return config;
    }

    private static uint Ttl(CorefileDirective p, string text)
    {
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var t))
            throw Error(p.Line, $"ttl must be an integer: '{text}'");
        if (t is < 0 or > 3600) throw Error(p.Line, $"ttl must be in range [0, 3600]: {t}");
        return (uint)t;
    }

    private static CorefileException ArgError(CorefileDirective d) =>
        Error(d.Line, $"Wrong argument count or unexpected line ending after '{d.Name}'");

    private static ClusterDnsConfig Forward(ClusterDnsConfig config, CorefileDirective d)
    {
        if (d.Args.Count < 2) throw ArgError(d);
        var from = Zone(d.Args[0].Text);
        var endpoints = new List<IPEndPoint>();
        var files = new List<string>();
        foreach (var a in d.Args.Skip(1))
        {
            var to = a.Text.StartsWith("dns://", StringComparison.OrdinalIgnoreCase) ? a.Text[6..] : a.Text;
            if (to.Contains("://")) throw Error(d.Line, $"Kinet forwards over plain DNS only: '{a.Text}'");
            if (Upstream(to) is { } ep) endpoints.Add(ep);
            else if (to.StartsWith('/')) files.Add(to);
            else throw Error(d.Line, $"not an IP address or file: \"{a.Text}\"");
        }
        // Options (max_concurrent, policy, health_check, ...) tune how upstreams are used, not which: ignored.
        return config with { ForwardFrom = from, Forward = endpoints, ForwardFiles = files };
    }

    /// <summary>"1.2.3.4", "1.2.3.4:5300", "::1", "[::1]:53" → an endpoint (port 53 by default).</summary>
    private static IPEndPoint? Upstream(string text)
    {
        if (DnsNames.ParseIP(text) is { } bare) return new IPEndPoint(bare, 53);
        string host, portText;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf("]:", StringComparison.Ordinal);
            if (close < 0) return text.EndsWith(']') && DnsNames.ParseIP(text[1..^1]) is { } v6 ? new IPEndPoint(v6, 53) : null;
            host = text[1..close];
            portText = text[(close + 2)..];
        }
        else
        {
            var colon = text.LastIndexOf(':');
            if (colon < 0 || text.IndexOf(':') != colon) return null;
            host = text[..colon];
            portText = text[(colon + 1)..];
        }
        if (DnsNames.ParseIP(host) is not { } ip) return null;
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535) return null;
        return new IPEndPoint(ip, port);
    }
}

public sealed class CorefileException(string message) : Exception(message);
