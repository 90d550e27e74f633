// YAML request bodies convert to the JSON sigs.k8s.io/yaml would produce.
using System.Text;
using Kinet.Api.Decoding;
using Kinet.Api.Errors;
using Kinet.Api.Resources;

namespace Kinet.Api.Tests.Decoding;

public class YamlBodyTests
{
    [Theory]
    [InlineData("a: 1", """{"a":1}""")]
    [InlineData("a: '1'", """{"a":"1"}""")]
    [InlineData("a: yes\nb: off\nc: True", """{"a":true,"b":false,"c":true}""")]
    [InlineData("a: ~\nb:\nc: null", """{"a":null,"b":null,"c":null}""")]
    [InlineData("a: 0777\nb: 0x1F\nc: 1_000", """{"a":511,"b":31,"c":1000}""")]
    [InlineData("a: 1.5\nb: 2.0\nc: 1e3", """{"a":1.5,"b":2,"c":1000}""")]
    [InlineData("1: a\ntrue: b", """{"1":"a","true":"b"}""")]
    [InlineData("a: [x, 'y', 3]", """{"a":["x","y",3]}""")]
    [InlineData("a: &x {k: v}\nb: *x", """{"a":{"k":"v"},"b":{"k":"v"}}""")]
    [InlineData("s: |\n  line1\n  line2\n", """{"s":"line1\nline2\n"}""")]
    [InlineData("v: 1.2.3\nw: nginx:1.25\nx: 10.0.0.1", """{"v":"1.2.3","w":"nginx:1.25","x":"10.0.0.1"}""")]
    [InlineData("a: 1\na: 2", """{"a":2}""")]
    public void Yaml_converts_like_yaml_to_json(string yaml, string json) =>
        Assert.Equal(json, YamlBody.ToJson(yaml)!.ToJsonString().Replace("\\n", "\n").Replace("\n", "\\n"));

    [Fact]
    public void Malformed_yaml_is_a_bad_request()
    {
        var ex = Assert.Throws<ApiException>(() => YamlBody.ToJson("a: b: c"));
        Assert.Equal(400, ex.Code);
        Assert.StartsWith("yaml: line 1: ", ex.Message);
    }

    [Fact]
    public void A_yaml_manifest_decodes_into_a_checked_object()
    {
        var yaml = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 2
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                  - name: nginx
                    image: nginx:1.25
                    ports:
                    - containerPort: 80
            """;
        var (obj, result) = BodyDecoder.Decode(ResourceRegistry.Get("apps", "deployments"), Encoding.UTF8.GetBytes(yaml), "application/yaml", FieldValidation.Strict);
        Assert.Empty(result.Warnings);
        Assert.Equal(80, (int)obj["spec"]!["template"]!["spec"]!["containers"]![0]!["ports"]![0]!["containerPort"]!);
    }

    [Fact]
    public void Duplicate_yaml_keys_are_strict_errors()
    {
        var yaml = "kind: ConfigMap\nmetadata:\n  name: a\n  name: b\n";
        var r = ResourceRegistry.Get("", "configmaps");
        var ex = Assert.Throws<ApiException>(() => BodyDecoder.Decode(r, Encoding.UTF8.GetBytes(yaml), "application/yaml", FieldValidation.Strict));
        Assert.Equal("ConfigMap in version \"v1\" cannot be handled as a ConfigMap: strict decoding error: yaml: unmarshal errors:\n  line 4: key \"name\" already set in map", ex.Message);
        var (obj, warn) = BodyDecoder.Decode(r, Encoding.UTF8.GetBytes(yaml), "application/yaml", FieldValidation.Warn);
        Assert.Equal(["line 4: key \"name\" already set in map"], warn.Warnings);
        Assert.Equal("b", (string?)obj["metadata"]!["name"]);
    }
}
