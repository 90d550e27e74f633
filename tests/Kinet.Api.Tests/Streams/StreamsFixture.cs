// An in-process API server whose pod streams are served by FakePodStreams, with a kubeconfig for the real kubectl and a
// few pods: `p1` (one running container c1), `two` (containers a and b), `pending` (no node), `waiting` (on a node, its
// container not started), `web` (labelled app=web, behind the Service `web` port 8080 → 80).
using System.Net.Http.Headers;
using System.Text;
using Kinet.Api.Hosting;
using Kinet.Api.Tests.Support;
using Kinet.Store.Memory;

namespace Kinet.Api.Tests.Streams;

public class StreamsFixture : IAsyncLifetime
{
    protected virtual bool WebSockets => true;

    private string _dir = "";
    public ApiServer Server { get; private set; } = null!;
    public FakePodStreams Node { get; } = new();
    public HttpClient Http { get; private set; } = null!;
    public string Kubeconfig { get; private set; } = "";
    public string CacheDir { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _dir = Directory.CreateTempSubdirectory("kinet-streams-").FullName;
        Server = await ApiServer.StartAsync(new ApiServerOptions
        {
            Store = new MemoryObjectStore(),
            Port = 0,
            ServingCertificate = TestCertificates.Serving,
            Tokens = new Dictionary<string, string> { [TestApiServer.Token] = "kubernetes-admin" },
            PodStreams = Node,
            PodStreamWebSockets = WebSockets,
        });
        var baseAddress = $"https://127.0.0.1:{Server.Port}";
        Kubeconfig = Path.Combine(_dir, "kubeconfig");
        CacheDir = Path.Combine(_dir, "cache");
        await File.WriteAllTextAsync(Kubeconfig, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: test
              cluster:
                server: {baseAddress}
                certificate-authority-data: {Convert.ToBase64String(Encoding.UTF8.GetBytes(TestCertificates.CaPem))}
            users:
            - name: admin
              user:
                token: {TestApiServer.Token}
            contexts:
            - name: test
              context:
                cluster: test
                user: admin
            current-context: test
            """);
        Http = new HttpClient(new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert is not null && cert.Issuer == TestCertificates.Ca.Subject,
        }) { BaseAddress = new Uri(baseAddress) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestApiServer.Token);

        await CreateRunningPodAsync("p1", ["c1"]);
        await CreateRunningPodAsync("two", ["a", "b"]);
        await CreatePodAsync("pending", ["c"], node: null);
        await CreatePodAsync("waiting", ["c"], node: "node-1");
        await CreateRunningPodAsync("web", ["c"], "app: web");
        var svc = await KubectlWithInputAsync("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 8080\n    targetPort: 80\n",
            "apply", "-f", "-");
        if (svc.ExitCode != 0) throw new InvalidOperationException(svc.ToString());
        await SetStatusAsync("waiting", """{"phase":"Pending","containerStatuses":[{"name":"c","ready":false,"restartCount":0,"image":"busybox","imageID":"","state":{"waiting":{"reason":"ContainerCreating"}}}]}""");
    }

    public async Task CreateRunningPodAsync(string name, string[] containers, string? labels = null)
    {
        await CreatePodAsync(name, containers, "node-1", labels);
        var statuses = string.Join(",", containers.Select(c =>
            "{\"name\":\"" + c + "\",\"ready\":true,\"restartCount\":0,\"image\":\"busybox\",\"imageID\":\"\",\"started\":true,\"state\":{\"running\":{\"startedAt\":\"2026-01-01T00:00:00Z\"}}}"));
        await SetStatusAsync(name, $$"""{"phase":"Running","podIP":"10.244.1.5","containerStatuses":[{{statuses}}]}""");
    }

    private async Task CreatePodAsync(string name, string[] containers, string? node, string? labels = null)
    {
        var spec = string.Join("\n", containers.Select(c => $"  - name: {c}\n    image: busybox"));
        var yaml = $"apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\n{(labels is null ? "" : $"  labels:\n    {labels}\n")}spec:\n{(node is null ? "" : $"  nodeName: {node}\n")}  containers:\n{spec}\n";
        var r = await KubectlWithInputAsync(yaml, "apply", "-f", "-");
        if (r.ExitCode != 0) throw new InvalidOperationException(r.ToString());
    }

    private async Task SetStatusAsync(string name, string status)
    {
        var r = await KubectlAsync("patch", "pod", name, "--subresource=status", "--type=merge", "-p", $$"""{"status":{{status}}}""");
        if (r.ExitCode != 0) throw new InvalidOperationException(r.ToString());
    }

    public Task<CommandResult> KubectlAsync(params string[] args) => KubectlWithInputAsync(null, args);

    public Task<CommandResult> KubectlWithInputAsync(string? stdin, params string[] args) =>
        Command.RunAsync("kubectl", KubectlArgs(args), stdin);

    public string[] KubectlArgs(params string[] args) => ["--kubeconfig", Kubeconfig, "--cache-dir", CacheDir, .. args];

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}

/// <summary>The same server refusing WebSocket upgrades, so kubectl falls back to SPDY/3.1.</summary>
public sealed class SpdyOnlyStreamsFixture : StreamsFixture
{
    protected override bool WebSockets => false;
}
