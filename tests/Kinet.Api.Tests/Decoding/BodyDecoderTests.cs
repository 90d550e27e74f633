// Unreadable bodies get the handler's "object provided is unrecognized" BadRequest.
using System.Text;
using Kinet.Api.Decoding;
using Kinet.Api.Errors;
using Kinet.Api.Resources;

namespace Kinet.Api.Tests.Decoding;

public class BodyDecoderTests
{
    private static readonly ResourceInfo Deployments = ResourceRegistry.Get("apps", "deployments");

    [Theory]
    [InlineData("{\"kind\":\"Deployment\",x}", "the object provided is unrecognized (must be of type Deployment): couldn't get version/kind; json parse error: invalid character 'x' looking for beginning of object key string ({\"kind\":\"Deployment\",x})")]
    [InlineData("", "the object provided is unrecognized (must be of type Deployment): couldn't get version/kind; json parse error: unexpected end of JSON input (<empty>)")]
    [InlineData("nope", "the object provided is unrecognized (must be of type Deployment): couldn't get version/kind; json parse error: invalid character 'o' in literal null (expecting 'u') (6e6f7065)")]
    public void Unreadable_json_is_unrecognized(string body, string message)
    {
        var ex = Assert.Throws<ApiException>(() => BodyDecoder.Decode(Deployments, Encoding.UTF8.GetBytes(body), "application/json", FieldValidation.Strict));
        Assert.Equal((400, message), (ex.Code, ex.Message));
    }

    [Fact]
    public void Long_bodies_are_summarised_to_thirty_bytes()
    {
        var body = "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",";
        var ex = Assert.Throws<ApiException>(() => BodyDecoder.Decode(Deployments, Encoding.UTF8.GetBytes(body), "application/json", FieldValidation.Strict));
        Assert.EndsWith("unexpected end of JSON input ({\"apiVersion\":\"apps/v1\",\"kind\" ...)", ex.Message);
    }

    [Fact]
    public void A_good_json_body_comes_back_as_an_object_with_warnings()
    {
        var body = """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"w"},"spec":{"replicas":1,"replicas":2,"x":1}}""";
        var (obj, result) = BodyDecoder.Decode(Deployments, Encoding.UTF8.GetBytes(body), "application/json", FieldValidation.Warn);
        Assert.Equal(["duplicate field \"spec.replicas\"", "unknown field \"spec.x\""], result.Warnings);
        Assert.Equal("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"w"},"spec":{"replicas":2}}""", obj.ToJsonString());
    }
}
