// Recognising the protobuf media type on a request.
using Kinet.Api.Protobuf;

namespace Kinet.Api.Tests.Protobuf;

public class ContentTypeTests
{
    [Theory]
    [InlineData("application/vnd.kubernetes.protobuf", true)]
    [InlineData("Application/VND.Kubernetes.Protobuf", true)]
    [InlineData("application/vnd.kubernetes.protobuf; charset=binary", true)]
    [InlineData("application/json", false)]
    [InlineData("application/vnd.kubernetes.protobuf;stream=watch", true)]
    [InlineData("application/vnd.kubernetes.protobufx", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void The_protobuf_media_type_is_recognised_with_or_without_parameters(string? contentType, bool expected)
    {
        Assert.Equal(expected, ProtobufDecoder.IsProtobuf(contentType));
    }
}
