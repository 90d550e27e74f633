// Protobuf field layout of the coordination.k8s.io/v1 messages Kinet decodes (numbers from k8s.io/api coordination/v1 generated.proto, JSON names and omitempty/pointer from its Go types, v0.32).
using static Kinet.Api.Protobuf.Schema.FieldFlags;
using static Kinet.Api.Protobuf.Schema.FieldType;

namespace Kinet.Api.Protobuf.Schema;

internal static partial class MessageTable
{
    private static IEnumerable<MessageDescriptor> CoordinationMessages() =>
    [
        new("coordination.v1.Lease",
            F(1, "metadata", Message, None, "meta.v1.ObjectMeta", "ObjectMeta"),
            F(2, "spec", Message, None, "coordination.v1.LeaseSpec")),
        new("coordination.v1.LeaseSpec",
            F(1, "holderIdentity", Str, Keep),
            F(2, "leaseDurationSeconds", I32, Keep),
            F(3, "acquireTime", MicroTime),
            F(4, "renewTime", MicroTime),
            F(5, "leaseTransitions", I32, Keep),
            F(6, "strategy", Str, Keep),
            F(7, "preferredHolder", Str, Keep)),
    ];
}
