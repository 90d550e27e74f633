// Protobuf field layout of the policy/v1 messages Kinet decodes (numbers from k8s.io/api policy/v1 generated.proto, JSON names and omitempty/pointer from its Go types, v0.32).
using static Kinet.Api.Protobuf.Schema.FieldFlags;
using static Kinet.Api.Protobuf.Schema.FieldType;

namespace Kinet.Api.Protobuf.Schema;

internal static partial class MessageTable
{
    private static IEnumerable<MessageDescriptor> PolicyMessages() =>
    [
        new("policy.v1.Eviction",
            F(1, "metadata", Message, None, "meta.v1.ObjectMeta", "ObjectMeta"),
            F(2, "deleteOptions", Message, None, "meta.v1.DeleteOptions")),
    ];
}
