// Bad input never yields a 5xx: a battery of malformed requests against every resource endpoint.
using System.Text;
using Kinet.Api.Resources;
using Kinet.Api.Tests.Support;

namespace Kinet.Api.Tests.Http;

public class NoServerErrorTests(ApiServerFixture k) : IClassFixture<ApiServerFixture>
{
    private static readonly (string ContentType, string Body)[] BadBodies =
    [
        ("application/json", ""),
        ("application/json", "{"),
        ("application/json", "[]"),
        ("application/json", "null"),
        ("application/json", "\"text\""),
        ("application/json", "{\"metadata\":{\"name\":7}}"),
        ("application/json", "{\"metadata\":{\"name\":\"x\",\"labels\":{\"a\":1}},\"spec\":[]}"),
        ("application/json", "{\"apiVersion\":\"v9\",\"kind\":\"Nope\",\"metadata\":{\"name\":\"x\"}}"),
        ("application/json", "{\"metadata\":{\"name\":\"x\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"ports\":[{\"containerPort\":\"eighty\"}]}]}}"),
        ("application/yaml", "a: [b"),
        ("application/yaml", "metadata:\n  name: x\n  name: y\n"),
        ("application/vnd.kubernetes.protobuf", "k8s\0\u0001\u0002garbage"),
        ("text/plain", "hello"),
    ];

    private static readonly (string ContentType, string Body)[] BadPatches =
    [
        ("application/merge-patch+json", "[]"),
        ("application/merge-patch+json", "{"),
        ("application/json-patch+json", "{}"),
        ("application/json-patch+json", "[{\"op\":\"move\",\"from\":\"/nope\",\"path\":\"/x\"}]"),
        ("application/json-patch+json", "[{\"op\":\"test\",\"path\":\"/metadata/name\",\"value\":\"other\"}]"),
        ("application/strategic-merge-patch+json", "{\"spec\":{\"containers\":[{\"image\":\"no-name\"}]}}"),
        ("application/strategic-merge-patch+json", "{\"spec\":{\"ports\":[{\"$patch\":\"bogus\",\"port\":1}]}}"),
        ("application/strategic-merge-patch+json", "{\"$setElementOrder/spec\":[1]}"),
        ("application/apply-patch+yaml", "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"x\"},\"spec\":{\"containers\":[{\"image\":\"a\"}]}}"),
        ("application/apply-patch+yaml", "metadata: [1"),
    ];

    [Fact]
    public async Task Malformed_creates_and_patches_are_client_errors_on_every_resource()
    {
        var http = k.Server.Http;
        var failures = new List<string>();
        foreach (var r in ResourceRegistry.Resources)
        {
            var collection = r.Namespaced ? $"{r.GroupVersionPath}/namespaces/default/{r.Plural}" : $"{r.GroupVersionPath}/{r.Plural}";
            foreach (var (ct, body) in BadBodies)
            {
                using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
                content.Headers.TryAddWithoutValidation("Content-Type", ct);
                using var resp = await http.PostAsync(collection, content);
                if ((int)resp.StatusCode >= 500) failures.Add($"POST {collection} {ct} {body}: {(int)resp.StatusCode} {await resp.Content.ReadAsStringAsync()}");
            }
            foreach (var (ct, body) in BadPatches)
            {
                var target = r.Plural == "namespaces" ? $"{collection}/default" : $"{collection}/x";
                using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
                content.Headers.TryAddWithoutValidation("Content-Type", ct);
                using var resp = await http.PatchAsync(target + "?fieldManager=fuzz", content);
                if ((int)resp.StatusCode >= 500) failures.Add($"PATCH {target} {ct} {body}: {(int)resp.StatusCode} {await resp.Content.ReadAsStringAsync()}");
            }
        }
        foreach (var q in new[] { "labelSelector=a%20in%20(", "fieldSelector=spec.foo%3Dbar", "limit=abc", "continue=%%%", "resourceVersion=abc&watch=true", "timeoutSeconds=x&watch=true" })
        {
            using var resp = await http.GetAsync("/api/v1/namespaces/default/pods?" + q);
            if ((int)resp.StatusCode >= 500) failures.Add($"GET pods?{q}: {(int)resp.StatusCode}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
