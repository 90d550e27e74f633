// The discovery documents kubectl reads before anything else: /version, aggregated discovery (v2) for /api and /apis,
// and the legacy /api, /apis, /api/v1, /apis/{group}/{version} lists. All are built from ResourceRegistry.
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Kinet.Api.Resources;

namespace Kinet.Api.Discovery;

public static class DiscoveryDocuments
{
    /// <summary>Content-Type the aggregated documents MUST be served with; kubectl picks aggregated vs legacy by it.</summary>
    public const string AggregatedContentType = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

    public const string GitVersion = "v1.32.0";

    /// <summary>The /version body. kubectl's dispatcher picks the kubectl binary by "minor", so it must say 32.</summary>
    public static JsonObject Version() => new()
    {
        ["major"] = "1",
        ["minor"] = "32",
        ["gitVersion"] = GitVersion,
        ["gitCommit"] = "70d3cc986aa8221cd1dfb1121852688902d3bf53",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2024-12-11T17:59:15Z",
        ["goVersion"] = "go1.23.3",
        ["compiler"] = "gc",
        ["platform"] = Platform(),
    };

    /// <summary>Go's GOOS/GOARCH spelling of this machine ("linux/amd64").</summary>
    internal static string Platform()
    {
        var os = OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsMacOS() ? "darwin" : OperatingSystem.IsWindows() ? "windows" : "unknown";
        var arch = RuntimeInformation.OSArchitecture switch
        {
            Architecture.X64 => "amd64",
            Architecture.Arm64 => "arm64",
            Architecture.X86 => "386",
            Architecture.Arm => "arm",
            Architecture.S390x => "s390x",
            Architecture.Ppc64le => "ppc64le",
            Architecture.RiscV64 => "riscv64",
            Architecture.LoongArch64 => "loong64",
            var other => other.ToString().ToLowerInvariant(),
        };
        return $"{os}/{arch}";
    }

    /// <summary>GET /api with the aggregated Accept: the core group only.</summary>
    public static JsonObject AggregatedCore() => AggregatedList(ResourceRegistry.Groups.Where(g => g.Length == 0));

    /// <summary>GET /apis with the aggregated Accept: every named group.</summary>
    public static JsonObject AggregatedGroups() => AggregatedList(ResourceRegistry.Groups.Where(g => g.Length > 0));

    /// <summary>GET /api (legacy): APIVersions, with the address clients should use.</summary>
    public static JsonObject LegacyApiVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray([.. Versions("").Select(v => (JsonNode)v)]),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    /// <summary>GET /apis (legacy): APIGroupList.</summary>
    public static JsonObject LegacyGroupList() => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray([.. ResourceRegistry.Groups.Where(g => g.Length > 0).Select(g => (JsonNode)LegacyGroup(g)!)]),
    };

    /// <summary>GET /apis/{group} (legacy): one APIGroup; null if the group is not served.</summary>
    public static JsonObject? LegacyGroup(string group)
    {
        if (group.Length == 0 || !ResourceRegistry.Groups.Contains(group)) return null;
        var versions = Versions(group).Select(v => new JsonObject { ["groupVersion"] = $"{group}/{v}", ["version"] = v }).ToList();
        return new JsonObject
        {
            ["name"] = group,
            ["versions"] = new JsonArray([.. versions]),
            ["preferredVersion"] = versions[0].DeepClone(),
        };
    }

    /// <summary>GET /api/v1 or /apis/{group}/{version} (legacy): APIResourceList; null if that group-version is not served.</summary>
    public static JsonObject? LegacyResourceList(string group, string version)
    {
        var resources = ResourcesOf(group, version);
        if (resources.Count == 0) return null;
        var list = new JsonArray();
        foreach (var r in resources)
        {
            var entry = new JsonObject
            {
                ["name"] = r.Plural,
                ["singularName"] = r.Singular,
                ["namespaced"] = r.Namespaced,
                ["kind"] = r.Kind,
                ["verbs"] = Strings(r.Verbs),
            };
            if (r.ShortNames.Count > 0) entry["shortNames"] = Strings(r.ShortNames);
            if (r.Categories.Count > 0) entry["categories"] = Strings(r.Categories);
            list.Add(entry);
            foreach (var sub in r.Subresources.Order(StringComparer.Ordinal))
            {
                var k = SubresourceKind.For(sub);
                var subEntry = new JsonObject { ["name"] = $"{r.Plural}/{sub}", ["singularName"] = "", ["namespaced"] = r.Namespaced };
                if (k.Group is not null) subEntry["group"] = k.Group;
                if (k.Version is not null) subEntry["version"] = k.Version;
                subEntry["kind"] = k.KindFor(r);
                subEntry["verbs"] = Strings(k.Verbs);
                list.Add(subEntry);
            }
        }
        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = list,
        };
    }

    private static JsonObject AggregatedList(IEnumerable<string> groups) => new()
    {
        ["kind"] = "APIGroupDiscoveryList",
        ["apiVersion"] = "apidiscovery.k8s.io/v2",
        ["metadata"] = new JsonObject(),
        ["items"] = new JsonArray([.. groups.Select(g => (JsonNode)AggregatedGroup(g))]),
    };

    private static JsonObject AggregatedGroup(string group)
    {
        // Go's ObjectMeta leaves an empty name out but always writes creationTimestamp.
        var metadata = new JsonObject();
        if (group.Length > 0) metadata["name"] = group;
        metadata["creationTimestamp"] = null;
        return new JsonObject
        {
            ["metadata"] = metadata,
            // The first version is the preferred one.
            ["versions"] = new JsonArray([.. Versions(group).Select(v => (JsonNode)new JsonObject
            {
                ["version"] = v,
                ["resources"] = new JsonArray([.. ResourcesOf(group, v).Select(r => (JsonNode)AggregatedResource(r))]),
                ["freshness"] = "Current",
            })]),
        };
    }

    private static JsonObject AggregatedResource(ResourceInfo r)
    {
        var entry = new JsonObject
        {
            ["resource"] = r.Plural,
            // Group and version are empty when they are the group-version being described (as kube-apiserver writes them).
            ["responseKind"] = Gvk("", "", r.Kind),
            ["scope"] = r.Namespaced ? "Namespaced" : "Cluster",
            ["singularResource"] = r.Singular,
            ["verbs"] = Strings(r.Verbs),
        };
        if (r.ShortNames.Count > 0) entry["shortNames"] = Strings(r.ShortNames);
        if (r.Categories.Count > 0) entry["categories"] = Strings(r.Categories);
        if (r.Subresources.Count > 0)
        {
            entry["subresources"] = new JsonArray([.. r.Subresources.Order(StringComparer.Ordinal).Select(sub =>
            {
                var k = SubresourceKind.For(sub);
                return (JsonNode)new JsonObject
                {
                    ["subresource"] = sub,
                    ["responseKind"] = Gvk(k.Group ?? "", k.Version ?? "", k.KindFor(r)),
                    ["verbs"] = Strings(k.Verbs),
                };
            })]);
        }
        return entry;
    }

    private static JsonObject Gvk(string group, string version, string kind) =>
        new() { ["group"] = group, ["version"] = version, ["kind"] = kind };

    private static List<string> Versions(string group) =>
        ResourceRegistry.Resources.Where(r => r.Group == group).Select(r => r.Version).Distinct().ToList();

    /// <summary>The group-version's resources sorted by name, the order kube-apiserver registers and lists them in.</summary>
    private static List<ResourceInfo> ResourcesOf(string group, string version) =>
        ResourceRegistry.Resources.Where(r => r.Group == group && r.Version == version).OrderBy(r => r.Plural, StringComparer.Ordinal).ToList();

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)v)]);
}
