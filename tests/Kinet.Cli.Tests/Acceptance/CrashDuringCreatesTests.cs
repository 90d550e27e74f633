// Acceptance: kill -9 the daemon while kubectl creates 500 objects; after `kinet up` every object kubectl reported as
// created is there, and resourceVersions never go backwards.
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Kinet.Cli.Tests.Harness;

namespace Kinet.Cli.Tests.Acceptance;

public class CrashDuringCreatesTests(KinetCluster cluster) : IClassFixture<KinetCluster>
{
    [Fact]
    public async Task Every_object_acknowledged_before_a_kill_9_survives_and_revisions_keep_increasing()
    {
        var manifests = new StringBuilder();
        for (var i = 0; i < 500; i++)
            manifests.Append($"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: crash-{i:D3}\ndata:\n  i: \"{i}\"\n---\n");

        var psi = new ProcessStartInfo(KinetCluster.KubectlPath)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in new[] { "--cache-dir", cluster.KubectlCacheDir, "create", "-f", "-" }) psi.ArgumentList.Add(a);
        foreach (var (k, v) in cluster.ProcessEnvironment) psi.Environment[k] = v;
        using var kubectl = Process.Start(psi)!;
        await kubectl.StandardInput.WriteAsync(manifests.ToString());
        kubectl.StandardInput.Close();
        var stderr = kubectl.StandardError.ReadToEndAsync();

        var acknowledged = new List<string>();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        string? line;
        while ((line = await kubectl.StandardOutput.ReadLineAsync(cts.Token)) is not null)
        {
            if (line.StartsWith("configmap/", StringComparison.Ordinal) && line.EndsWith(" created", StringComparison.Ordinal))
                acknowledged.Add(line["configmap/".Length..^" created".Length]);
            if (acknowledged.Count == 150) await cluster.KillDaemon(); // mid-stream: creates are in flight
        }
        await kubectl.WaitForExitAsync(cts.Token);
        Assert.True(acknowledged.Count >= 150, $"kubectl reported {acknowledged.Count} creates\n{await stderr}");
        Assert.True(acknowledged.Count < 500, "the daemon was killed before kubectl finished");
        var highestBefore = acknowledged.Count; // each create has its own revision, so at least this many were written

        await cluster.Up();
        var list = await cluster.Kubectl("get", "configmaps", "-o", "json");
        Assert.True(list.ExitCode == 0, list.ToString());
        var items = JsonNode.Parse(list.Stdout)!["items"]!.AsArray();
        var stored = items.ToDictionary(i => i!["metadata"]!["name"]!.GetValue<string>(),
                                        i => long.Parse(i!["metadata"]!["resourceVersion"]!.GetValue<string>()));
        var missing = acknowledged.Where(n => !stored.ContainsKey(n)).ToList();
        Assert.True(missing.Count == 0, "lost after the crash: " + string.Join(", ", missing));

        // Revisions follow creation order, and a write after the restart gets a higher one than anything before it.
        var revisions = acknowledged.Select(n => stored[n]).ToList();
        Assert.Equal(revisions.OrderBy(r => r), revisions);
        var created = await cluster.Kubectl("create", "configmap", "after-crash", "--from-literal=a=b", "-o", "jsonpath={.metadata.resourceVersion}");
        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.True(long.Parse(created.Stdout) > stored.Values.Max(), $"{created.Stdout} <= {stored.Values.Max()}");
        Assert.True(stored.Values.Max() >= highestBefore);
    }
}
