// Protobuf field layout of the autoscaling/v1 messages Kinet decodes (numbers from k8s.io/api autoscaling/v1 generated.proto, JSON names and omitempty/pointer from its Go types, v0.32).
using static Kinet.Api.Protobuf.Schema.FieldFlags;
using static Kinet.Api.Protobuf.Schema.FieldType;

namespace Kinet.Api.Protobuf.Schema;

internal static partial class MessageTable
{
    private static IEnumerable<MessageDescriptor> AutoscalingMessages() =>
    [
        new("autoscaling.v1.Scale",
            F(1, "metadata", Message, None, "meta.v1.ObjectMeta", "ObjectMeta"),
            F(2, "spec", Message, None, "autoscaling.v1.ScaleSpec"),
            F(3, "status", Message, None, "autoscaling.v1.ScaleStatus")),
        new("autoscaling.v1.ScaleSpec",
            F(1, "replicas", I32)),
        new("autoscaling.v1.ScaleStatus",
            F(1, "replicas", I32, Keep),
            F(2, "selector", Str)),
    ];
}
