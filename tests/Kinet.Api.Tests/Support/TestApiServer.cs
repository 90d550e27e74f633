// An in-process API server on a free loopback port, with an HttpClient and a kubeconfig for the real kubectl.
using System.Net.Http.Headers;
using System.Text;
using Kinet.Api.Hosting;
using Kinet.Store;

namespace Kinet.Api.Tests.Support;

public sealed class TestApiServer : IAsyncDisposable
{
    public const string Token = "test-token";
    private readonly string _dir;

    private TestApiServer(ApiServer server, IObjectStore store, string dir)
    {
        Server = server;
        Store = store;
        _dir = dir;
        BaseAddress = new Uri($"https://127.0.0.1:{server.Port}");
        KubeconfigPath = Path.Combine(dir, "kubeconfig");
        CacheDir = Path.Combine(dir, "cache");
        File.WriteAllText(KubeconfigPath, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: test
              cluster:
                server: {BaseAddress.ToString().TrimEnd('/')}
                certificate-authority-data: {Convert.ToBase64String(Encoding.UTF8.GetBytes(TestCertificates.CaPem))}
            users:
            - name: admin
              user:
                token: {Token}
            contexts:
            - name: test
              context:
                cluster: test
                user: admin
            current-context: test
            """);
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) =>
                cert is not null && cert.Issuer == TestCertificates.Ca.Subject,
        };
        Http = new HttpClient(handler) { BaseAddress = BaseAddress };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    public ApiServer Server { get; }
    public IObjectStore Store { get; }
    public Uri BaseAddress { get; }
    public HttpClient Http { get; }
    public string KubeconfigPath { get; }
    public string CacheDir { get; }

    public static async Task<TestApiServer> StartAsync(IObjectStore store, TimeSpan? bookmarkInterval = null)
    {
        var dir = Directory.CreateTempSubdirectory("kinet-api-test-").FullName;
        var server = await ApiServer.StartAsync(new ApiServerOptions
        {
            Store = store,
            Port = 0,
            ServingCertificate = TestCertificates.Serving,
            Tokens = new Dictionary<string, string> { [Token] = "kubernetes-admin" },
            WatchBookmarkInterval = bookmarkInterval ?? TimeSpan.FromSeconds(60),
        });
        return new TestApiServer(server, store, dir);
    }

    /// <summary>Runs the real kubectl against this server.</summary>
    public Task<CommandResult> KubectlAsync(params string[] args) => KubectlWithInputAsync(null, args);

    public Task<CommandResult> KubectlWithInputAsync(string? stdin, params string[] args) =>
        Command.RunAsync("kubectl", ["--kubeconfig", KubeconfigPath, "--cache-dir", CacheDir, .. args], stdin);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        await Store.DisposeAsync();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
