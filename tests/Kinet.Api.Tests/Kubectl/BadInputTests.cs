// Acceptance: bad input is answered as kube-apiserver answers it, and nothing is stored.
using Kinet.Api.Tests.Support;

namespace Kinet.Api.Tests.Kubectl;

public class BadInputTests(ApiServerFixture k) : IClassFixture<ApiServerFixture>
{
    private long Objects() => k.Server.Store.Revision;

    private async Task<string> RejectedAsync(string manifest, params string[] extra)
    {
        var before = Objects();
        var err = await k.FailsIn(manifest, ["apply", "-f", "-", .. extra]);
        Assert.Equal(before, Objects());
        Assert.DoesNotContain("InternalError", err);
        return err;
    }

    [Fact]
    public async Task An_invalid_name_is_rejected_with_the_rfc1123_message()
    {
        var err = await RejectedAsync("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: BAD_NAME}
            """);
        Assert.Contains("The ConfigMap \"BAD_NAME\" is invalid", err);
        Assert.Contains("metadata.name: Invalid value: \"BAD_NAME\": a lowercase RFC 1123 subdomain must consist of", err);
    }

    [Fact]
    public async Task A_port_out_of_range_is_rejected()
    {
        var err = await RejectedAsync("""
            apiVersion: v1
            kind: Service
            metadata: {name: badport}
            spec:
              ports: [{port: 70000}]
            """);
        Assert.Contains("The Service \"badport\" is invalid", err);
        Assert.Contains("spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive", err);
    }

    [Fact]
    public async Task A_missing_required_field_is_rejected()
    {
        var err = await RejectedAsync("""
            apiVersion: v1
            kind: Pod
            metadata: {name: noimage}
            spec:
              containers: [{name: c}]
            """);
        Assert.Contains("spec.containers[0].image: Required value", err);
    }

    [Fact]
    public async Task An_unknown_field_is_rejected_by_strict_validation()
    {
        var err = await RejectedAsync("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: unknown-field}
            spec: {foo: bar}
            """);
        Assert.Contains("unknown field \"spec\"", err);
    }

    [Fact]
    public async Task Malformed_yaml_and_json_are_rejected_before_anything_is_sent()
    {
        var before = Objects();
        Assert.Contains("error", await k.FailsIn("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n", "apply", "-f", "-"));
        Assert.Contains("error", await k.FailsIn("{\"apiVersion\": \"v1\", \"kind\": ", "apply", "-f", "-"));
        Assert.Equal(before, Objects());
    }

    [Fact]
    public async Task An_unknown_kind_or_api_version_is_rejected()
    {
        var err = await RejectedAsync("""
            apiVersion: v1
            kind: Widget
            metadata: {name: w}
            """);
        Assert.Contains("no matches for kind \"Widget\" in version \"v1\"", err);
        err = await RejectedAsync("""
            apiVersion: apps/v9
            kind: Deployment
            metadata: {name: w}
            """);
        Assert.Contains("no matches for kind \"Deployment\" in version \"apps/v9\"", err);
    }

    [Fact]
    public async Task A_duplicate_create_is_already_exists()
    {
        await k.Ok("create", "configmap", "dup", "--from-literal=a=b");
        var before = Objects();
        var err = await k.Fails("create", "configmap", "dup", "--from-literal=a=c");
        Assert.Contains("error: failed to create configmap: configmaps \"dup\" already exists", err);
        Assert.Equal(before, Objects());
    }

    [Fact]
    public async Task A_wrong_token_is_unauthorized()
    {
        using var http = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true });
        http.DefaultRequestHeaders.Authorization = new("Bearer", "wrong");
        var response = await http.GetAsync(new Uri(k.Server.BaseAddress, "/api/v1/namespaces"));
        Assert.Equal(401, (int)response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"kind\":\"Status\"", body);
        Assert.Contains("\"reason\":\"Unauthorized\"", body);
        var anonymous = await new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true })
            .GetAsync(new Uri(k.Server.BaseAddress, "/version"));
        Assert.Equal(401, (int)anonymous.StatusCode);
    }
}
