// The Docker-links-style variables the kubelet gives every container for the Services it may use
// (pkg/kubelet/envvars): <SVC>_SERVICE_HOST/_SERVICE_PORT/_SERVICE_PORT_<NAME> and <SVC>_PORT/_PORT_<port>_<PROTO>{,_PROTO,_PORT,_ADDR},
// for the pod's namespace when enableServiceLinks, and always for the master service default/kubernetes.
using System.Text.Json.Nodes;
using Kinet.Model;

namespace Kinet.Controllers.Nodes.Plans;

public static class ServiceEnv
{
    private const string MasterService = "kubernetes";

    /// <summary>getServiceEnvVarMap: a same-namespace Service named like a master service replaces it.</summary>
    public static IReadOnlyList<EnvVar> ForPod(string ns, bool enableServiceLinks, IPodPlanSources sources)
    {
        var byName = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var svc in sources.Services("default"))
        {
            if (Name(svc) == MasterService && IsIpSet(svc)) byName[MasterService] = svc;
        }
        if (enableServiceLinks)
        {
            foreach (var svc in sources.Services(ns))
            {
                if (IsIpSet(svc) && (ns != "default" || Name(svc) != MasterService)) byName[Name(svc)] = svc;
            }
        }
        return FromServices(byName.Values);
    }

    /// <summary>envvars.FromServices, in the order it emits them.</summary>
    public static IReadOnlyList<EnvVar> FromServices(IEnumerable<JsonObject> services)
    {
        var result = new List<EnvVar>();
        foreach (var svc in services)
        {
            var ports = (JsonRead.At(svc, "spec", "ports") as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
            if (!IsIpSet(svc) || ports.Count == 0) continue;
            var ip = JsonRead.Str(svc, "spec", "clusterIP")!;
            var prefix = VariableName(Name(svc));
            result.Add(new EnvVar(prefix + "_SERVICE_HOST", ip));
            result.Add(new EnvVar(prefix + "_SERVICE_PORT", Port(ports[0]).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            foreach (var p in ports)
            {
                var portName = JsonRead.Str(p, "name") ?? "";
                if (portName.Length > 0) result.Add(new EnvVar(prefix + "_SERVICE_PORT_" + VariableName(portName), Text(Port(p))));
            }
            for (var i = 0; i < ports.Count; i++)
            {
                var protocol = JsonRead.Str(ports[i], "protocol") is { Length: > 0 } pr ? pr : "TCP";
                var lower = protocol.ToLowerInvariant();
                var port = Text(Port(ports[i]));
                var url = $"{lower}://{JoinHostPort(ip, port)}";
                if (i == 0) result.Add(new EnvVar(prefix + "_PORT", url));
                var portPrefix = $"{prefix}_PORT_{port}_{protocol.ToUpperInvariant()}";
                result.Add(new EnvVar(portPrefix, url));
                result.Add(new EnvVar(portPrefix + "_PROTO", lower));
                result.Add(new EnvVar(portPrefix + "_PORT", port));
                result.Add(new EnvVar(portPrefix + "_ADDR", ip));
            }
        }
        return result;
    }

    /// <summary>Upper case, dashes to underscores (a leading digit or a dot stays, as upstream leaves them).</summary>
    public static string VariableName(string name) => name.Replace('-', '_').ToUpperInvariant();

    // v1helper.IsServiceIPSet: neither "None" nor empty (ExternalName Services have no clusterIP).
    private static bool IsIpSet(JsonObject svc) => JsonRead.Str(svc, "spec", "clusterIP") is { Length: > 0 } ip && ip != "None";

    private static string Name(JsonObject o) => JsonRead.Str(o, "metadata", "name") ?? "";
    private static long Port(JsonObject p) => JsonRead.Long(p, "port") ?? 0;
    private static string Text(long n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
    private static string JoinHostPort(string host, string port) => host.Contains(':') ? $"[{host}]:{port}" : $"{host}:{port}";
}
