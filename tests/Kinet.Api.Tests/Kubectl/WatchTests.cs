// Acceptance: kubectl get -w prints later changes, and watch semantics hold over raw HTTP.
using System.Diagnostics;
using System.Text.Json.Nodes;
using Kinet.Api.Tests.Support;

namespace Kinet.Api.Tests.Kubectl;

public class WatchTests(ShortHistoryApiServerFixture k) : IClassFixture<ShortHistoryApiServerFixture>
{
    [Fact]
    public async Task Get_pods_watch_prints_pods_created_later()
    {
        var psi = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--kubeconfig", k.Server.KubeconfigPath, "--cache-dir", k.Server.CacheDir, "get", "configmaps", "-w", "--request-timeout=0" })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        try
        {
            await Task.Delay(1500);
            await k.Ok("create", "configmap", "seen-later", "--from-literal=a=b");
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            string? line;
            var seen = false;
            while ((line = await p.StandardOutput.ReadLineAsync(cts.Token)) is not null)
                if (line.StartsWith("seen-later", StringComparison.Ordinal)) { seen = true; break; }
            Assert.True(seen);
        }
        finally
        {
            p.Kill(true);
        }
    }

    [Fact]
    public async Task A_watch_from_a_resource_version_sends_later_events_and_a_too_old_one_gets_410()
    {
        await k.Ok("create", "configmap", "w1", "--from-literal=a=b");
        var list = JsonNode.Parse(await k.Server.Http.GetStringAsync("/api/v1/namespaces/default/configmaps"))!;
        var rv = list["metadata"]!["resourceVersion"]!.GetValue<string>();
        await k.Ok("label", "configmap", "w1", "x=y");
        var body = await k.Server.Http.GetStringAsync($"/api/v1/namespaces/default/configmaps?watch=true&resourceVersion={rv}&timeoutSeconds=1");
        var events = body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToArray();
        Assert.Contains(events, e => e["type"]!.GetValue<string>() == "MODIFIED" && e["object"]!["metadata"]!["name"]!.GetValue<string>() == "w1");
        Assert.DoesNotContain(events, e => e["type"]!.GetValue<string>() == "ADDED");

        for (var i = 0; i < 25; i++) await k.Ok("annotate", "configmap", "w1", $"n={i}", "--overwrite");
        var gone = await k.Server.Http.GetStringAsync($"/api/v1/namespaces/default/configmaps?watch=true&resourceVersion={rv}&timeoutSeconds=1");
        var ev = JsonNode.Parse(gone.Split('\n')[0])!;
        Assert.Equal("ERROR", ev["type"]!.GetValue<string>());
        Assert.Equal(410, ev["object"]!["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_label_selector_watch_turns_a_label_removal_into_deleted()
    {
        await k.Ok("create", "configmap", "w2", "--from-literal=a=b");
        await k.Ok("label", "configmap", "w2", "team=a");
        var list = JsonNode.Parse(await k.Server.Http.GetStringAsync("/api/v1/namespaces/default/configmaps"))!;
        var rv = list["metadata"]!["resourceVersion"]!.GetValue<string>();
        await k.Ok("label", "configmap", "w2", "team-");
        var body = await k.Server.Http.GetStringAsync($"/api/v1/namespaces/default/configmaps?watch=true&labelSelector=team%3Da&resourceVersion={rv}&timeoutSeconds=1");
        var ev = JsonNode.Parse(body.Split('\n')[0])!;
        Assert.Equal("DELETED", ev["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_watch_that_allows_bookmarks_gets_them_with_the_current_resource_version()
    {
        await k.Ok("create", "configmap", "w3", "--from-literal=a=b");
        var list = JsonNode.Parse(await k.Server.Http.GetStringAsync("/api/v1/namespaces/default/configmaps"))!;
        var rv = list["metadata"]!["resourceVersion"]!.GetValue<string>();
        var body = await k.Server.Http.GetStringAsync($"/api/v1/namespaces/default/configmaps?watch=true&allowWatchBookmarks=true&resourceVersion={rv}&timeoutSeconds=2");
        var bookmarks = body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!)
            .Where(e => e["type"]!.GetValue<string>() == "BOOKMARK").ToArray();
        Assert.NotEmpty(bookmarks);
        Assert.Equal("ConfigMap", bookmarks[0]["object"]!["kind"]!.GetValue<string>());
        Assert.True(long.Parse(bookmarks[0]["object"]!["metadata"]!["resourceVersion"]!.GetValue<string>()) >= long.Parse(rv));
        // Without allowWatchBookmarks there are none.
        var plain = await k.Server.Http.GetStringAsync($"/api/v1/namespaces/default/configmaps?watch=true&resourceVersion={rv}&timeoutSeconds=1");
        Assert.DoesNotContain("BOOKMARK", plain);
    }
}
