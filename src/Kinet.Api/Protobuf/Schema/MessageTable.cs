// The message descriptor table: every message reachable from the kinds Kinet accepts as protobuf, and the kind → message map.
using System.Collections.Frozen;

namespace Kinet.Api.Protobuf.Schema;

internal static partial class MessageTable
{
    private static readonly FrozenDictionary<string, MessageDescriptor> ByName =
        MetaMessages().Concat(PodMessages()).Concat(CoreMessages()).Concat(AppsMessages()).Concat(DiscoveryMessages()).Concat(NetworkingMessages())
            .Concat(CoordinationMessages()).Concat(AutoscalingMessages()).Concat(PolicyMessages())
            .ToFrozenDictionary(m => m.Name);

    /// <summary>Top-level kinds by (apiVersion, kind): the ResourceRegistry kinds plus the typed-client subresource bodies.</summary>
    private static readonly FrozenDictionary<(string ApiVersion, string Kind), string> Kinds = new Dictionary<(string, string), string>
    {
        [("v1", "Namespace")] = "core.v1.Namespace",
        [("v1", "Pod")] = "core.v1.Pod",
        [("v1", "Service")] = "core.v1.Service",
        [("v1", "Endpoints")] = "core.v1.Endpoints",
        [("v1", "Node")] = "core.v1.Node",
        [("v1", "ConfigMap")] = "core.v1.ConfigMap",
        [("v1", "Secret")] = "core.v1.Secret",
        [("v1", "Event")] = "core.v1.Event",
        [("v1", "ServiceAccount")] = "core.v1.ServiceAccount",
        [("v1", "Binding")] = "core.v1.Binding",
        [("apps/v1", "Deployment")] = "apps.v1.Deployment",
        [("apps/v1", "ReplicaSet")] = "apps.v1.ReplicaSet",
        [("discovery.k8s.io/v1", "EndpointSlice")] = "discovery.v1.EndpointSlice",
        [("networking.k8s.io/v1", "NetworkPolicy")] = "networking.v1.NetworkPolicy",
        [("networking.k8s.io/v1", "Ingress")] = "networking.v1.Ingress",
        [("networking.k8s.io/v1", "IngressClass")] = "networking.v1.IngressClass",
        [("coordination.k8s.io/v1", "Lease")] = "coordination.v1.Lease",
        [("autoscaling/v1", "Scale")] = "autoscaling.v1.Scale",
        [("policy/v1", "Eviction")] = "policy.v1.Eviction",
    }.ToFrozenDictionary();

    /// <summary>meta/v1 option kinds: metav1.AddToGroupVersion registers them in every group version, so any apiVersion goes.</summary>
    private static readonly FrozenDictionary<string, string> OptionKinds = new Dictionary<string, string>
    {
        ["DeleteOptions"] = "meta.v1.DeleteOptions",
    }.ToFrozenDictionary();

    public static IEnumerable<MessageDescriptor> All => ByName.Values;

    // Shorthand for the field lines of the per-group tables.
    private static FieldDescriptor F(int number, string jsonName, FieldType type, FieldFlags flags = FieldFlags.None,
        string? message = null, string? goName = null) => new(number, jsonName, type, flags, message, goName);

    public static IEnumerable<(string ApiVersion, string Kind)> TopLevelKinds => Kinds.Keys;

    public static MessageDescriptor Get(string name) =>
        ByName.TryGetValue(name, out var m) ? m : throw new InvalidOperationException($"protobuf message {name} is not in the table");

    public static MessageDescriptor? TryGet(string name) => ByName.GetValueOrDefault(name);

    /// <summary>The message a top-level object of this apiVersion and kind is encoded as, or null if Kinet has none.</summary>
    public static MessageDescriptor? FindKind(string apiVersion, string kind) =>
        Kinds.TryGetValue((apiVersion, kind), out var name) || OptionKinds.TryGetValue(kind, out name) ? Get(name) : null;
}
