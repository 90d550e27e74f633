// End-to-end figures of a running Kinet API server through HTTPS (issue 2's performance targets): sustained creates/s,
// single-object GET latency with N pods stored, full-list time, watch fan-out latency to 100 watchers, daemon memory.
// Run through bench/api.sh, which brings a cluster up, runs this, and takes it down.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Kinet.Bench.Api;

internal static class ApiLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        string Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault()
                                   ?? throw new ArgumentException($"missing {name}");
        var server = new Uri(Arg("--server"));
        var token = Arg("--token");
        var ca = X509CertificateLoader.LoadCertificateFromFile(Arg("--ca"));
        var pods = int.Parse(Arg("--pods"), CultureInfo.InvariantCulture);
        var pid = int.Parse(Arg("--pid"), CultureInfo.InvariantCulture);
        var concurrency = args.Contains("--concurrency") ? int.Parse(Arg("--concurrency"), CultureInfo.InvariantCulture) : 16;

        using var http = Client(server, token, ca, concurrency);
        Console.WriteLine($"# Kinet API through HTTPS (HTTP/2) at {server}, {pods} pods, {concurrency} concurrent clients, {Environment.ProcessorCount} cores");

        // 1. Creates, sustained: a warm-up in another namespace first (JIT, schema caches), then the measured run.
        var failures = 0;
        async Task<TimeSpan> CreateAll(string ns, int count)
        {
            var sw = Stopwatch.StartNew();
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < count)
                {
                    using var body = new StringContent(PodJson($"bench-{i:D6}"), Encoding.UTF8, "application/json");
                    using var r = await http.PostAsync($"/api/v1/namespaces/{ns}/pods", body);
                    if (r.StatusCode != HttpStatusCode.Created) Interlocked.Increment(ref failures);
                }
            }));
            return sw.Elapsed;
        }
        await CreateAll("kube-public", 2_000);
        var elapsed = await CreateAll("default", pods);
        Console.WriteLine($"creates: {pods} in {elapsed.TotalSeconds:F2} s = {pods / elapsed.TotalSeconds:F0}/s (after 2,000 warm-up creates), {failures} failed");

        // 2. Single-object GETs, one at a time (latency, not throughput).
        var rnd = new Random(42);
        var lat = new List<double>();
        for (var i = 0; i < 2_000; i++)
        {
            var t = Stopwatch.GetTimestamp();
            using var r = await http.GetAsync($"/api/v1/namespaces/default/pods/bench-{rnd.Next(pods):D6}");
            await r.Content.ReadAsByteArrayAsync();
            lat.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        }
        Console.WriteLine($"GET one pod: p50 {P(lat, 50):F2} ms, p99 {P(lat, 99):F2} ms");

        // 3. Full lists.
        var lists = new List<double>();
        long bytes = 0;
        for (var i = 0; i < 10; i++)
        {
            var t = Stopwatch.GetTimestamp();
            var b = await http.GetByteArrayAsync("/api/v1/namespaces/default/pods");
            lists.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            bytes = b.Length;
        }
        Console.WriteLine($"LIST the {pods} pods ({bytes / 1024 / 1024} MiB): median {P(lists, 50):F0} ms, max {lists.Max():F0} ms");

        // 4. Watch fan-out: 100 watchers of one object; the time from sending a change until every watcher has it.
        var rv = await CurrentRevision(http);
        var watchers = new List<(StreamReader Reader, HttpResponseMessage Response)>();
        using var watchClient = Client(server, token, ca, 128);
        for (var w = 0; w < 100; w++)
        {
            var req = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/namespaces/default/pods?watch=true&fieldSelector=metadata.name%3Dbench-000000&resourceVersion={rv}");
            var resp = await watchClient.SendAsync(req, HttpCompletionOption.ResponseHeadersRead);
            watchers.Add((new StreamReader(await resp.Content.ReadAsStreamAsync()), resp));
        }
        var fanout = new List<double>();
        for (var change = 0; change < 100; change++)
        {
            var t = Stopwatch.GetTimestamp();
            var reads = watchers.Select(async w =>
            {
                await w.Reader.ReadLineAsync();
                return Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            }).ToArray();
            using var patch = new StringContent($"{{\"metadata\":{{\"labels\":{{\"n\":\"{change}\"}}}}}}", Encoding.UTF8, "application/merge-patch+json");
            using var r = await http.PatchAsync("/api/v1/namespaces/default/pods/bench-000000", patch);
            fanout.AddRange(await Task.WhenAll(reads));
        }
        foreach (var w in watchers) w.Response.Dispose();
        Console.WriteLine($"watch fan-out to 100 watchers: p50 {P(fanout, 50):F1} ms, p99 {P(fanout, 99):F1} ms");

        // 5. Daemon memory.
        var rss = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        Console.WriteLine($"daemon memory with {pods} pods: {rss.Split(':')[1].Trim()}");
        return failures == 0 ? 0 : 1;
    }

    private static async Task<string> CurrentRevision(HttpClient http)
    {
        var s = await http.GetStringAsync("/api/v1/namespaces/default/pods?limit=1");
        return System.Text.Json.Nodes.JsonNode.Parse(s)!["metadata"]!["resourceVersion"]!.GetValue<string>();
    }

    internal static double P(List<double> xs, int p)
    {
        var s = xs.OrderBy(x => x).ToArray();
        return s[Math.Min(s.Length - 1, (int)Math.Ceiling(p / 100.0 * s.Length) - 1)];
    }

    internal static HttpClient Client(Uri server, string token, X509Certificate2 ca, int connections)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            SslOptions =
            {
                RemoteCertificateValidationCallback = (_, cert, chain, _) =>
                {
                    if (cert is null || chain is null) return false;
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(ca);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return chain.Build(new X509Certificate2(cert));
                },
            },
        };
        // HTTP/2 over one TLS connection, as kubectl and client-go talk to kube-apiserver.
        handler.EnableMultipleHttp2Connections = true;
        var http = new HttpClient(handler)
        {
            BaseAddress = server,
            Timeout = TimeSpan.FromMinutes(5),
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrHigher,
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static string PodJson(string name) =>
        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"labels\":{\"app\":\"web\",\"pod-template-hash\":\"5d8f9c7b6d\"}}," +
        "\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"registry.example/web:1.2.3\",\"ports\":[{\"containerPort\":8080}]," +
        "\"resources\":{\"limits\":{\"cpu\":\"500m\",\"memory\":\"128Mi\"},\"requests\":{\"cpu\":\"250m\",\"memory\":\"64Mi\"}}}]}}";
}
