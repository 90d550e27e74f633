// Protobuf field layout of the discovery.k8s.io/v1 messages Kinet decodes (numbers from k8s.io/api discovery/v1 generated.proto, JSON names and omitempty/pointer from its Go types, v0.32).
using static Kinet.Api.Protobuf.Schema.FieldFlags;
using static Kinet.Api.Protobuf.Schema.FieldType;

namespace Kinet.Api.Protobuf.Schema;

internal static partial class MessageTable
{
    private static IEnumerable<MessageDescriptor> DiscoveryMessages() =>
    [
        new("discovery.v1.Endpoint",
            F(1, "addresses", Str, Repeated),
            F(2, "conditions", Message, None, "discovery.v1.EndpointConditions"),
            F(3, "hostname", Str, Keep),
            F(4, "targetRef", Message, None, "core.v1.ObjectReference"),
            F(5, "deprecatedTopology", Str, Map),
            F(6, "nodeName", Str, Keep),
            F(7, "zone", Str, Keep),
            F(8, "hints", Message, None, "discovery.v1.EndpointHints")),
        new("discovery.v1.EndpointConditions",
            F(1, "ready", Bool, Keep),
            F(2, "serving", Bool, Keep),
            F(3, "terminating", Bool, Keep)),
        new("discovery.v1.EndpointHints",
            F(1, "forZones", Message, Repeated, "discovery.v1.ForZone")),
        new("discovery.v1.EndpointPort",
            F(1, "name", Str, Keep),
            F(2, "protocol", Str, Keep),
            F(3, "port", I32, Keep),
            F(4, "appProtocol", Str, Keep)),
        new("discovery.v1.EndpointSlice",
            F(1, "metadata", Message, None, "meta.v1.ObjectMeta", "ObjectMeta"),
            F(4, "addressType", Str, Keep),
            F(2, "endpoints", Message, Repeated, "discovery.v1.Endpoint"),
            F(3, "ports", Message, Repeated, "discovery.v1.EndpointPort")),
        new("discovery.v1.ForZone",
            F(1, "name", Str, Keep)),
    ];
}
