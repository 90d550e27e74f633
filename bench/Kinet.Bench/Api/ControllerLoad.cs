// End-to-end controller figures (issue 3's performance targets) against a running cluster with the simulated node agent:
//   deploy: a Deployment of N replicas (default 1,000) behind a Service, timed from the create until every pod is Running
//           with an address and the Service's EndpointSlices hold exactly those addresses, ready.
//   services: D Deployments × 10 replicas, then S Services (default 10,000) each selecting one Deployment's 10 pods,
//           timed from the first Service create until every Service has slices with its 10 ready endpoints; daemon
//           memory before and after.
// Run through bench/controllers.sh, which brings up a cluster with enough worker nodes and takes it down.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace Kinet.Bench.Api;

internal static class ControllerLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        string Arg(string name, string? fallback = null) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault()
                                   ?? fallback ?? throw new ArgumentException($"missing {name}");
        var server = new Uri(Arg("--server"));
        var ca = X509CertificateLoader.LoadCertificateFromFile(Arg("--ca"));
        var pid = int.Parse(Arg("--pid"), CultureInfo.InvariantCulture);
        using var http = ApiLoad.Client(server, Arg("--token"), ca, 32);
        var mode = args[1];
        Image = Arg("--image", "nginx");
        DataPlane = Arg("--data-plane", "simulated");
        return mode switch
        {
            "deploy" => await Deploy(http, int.Parse(Arg("--replicas", "1000"), CultureInfo.InvariantCulture), pid),
            "services" => await Services(http, int.Parse(Arg("--services", "10000"), CultureInfo.InvariantCulture), pid),
            _ => throw new ArgumentException($"unknown mode {mode}"),
        };
    }

    private static async Task<int> Deploy(HttpClient http, int replicas, int pid)
    {
        Console.WriteLine($"# {replicas}-replica Deployment behind a Service, image {Image}, {DataPlane} data plane, {Environment.ProcessorCount} cores");
        // Round 1 is the first burst a fresh daemon sees (its code still unoptimised by the tiered JIT); round 2 runs the
        // same after round 1's Deployment has been deleted and all its pods are gone.
        foreach (var (round, name) in new[] { ("cold", "big1"), ("warm", "big2") })
        {
            if (await DeployOnce(http, name, replicas, pid, round) is var rc && rc != 0) return rc;
            using var del = await http.DeleteAsync($"/apis/apps/v1/namespaces/default/deployments/{name}");
            var gone = Stopwatch.StartNew();
            while (((JsonArray)(await GetJson(http, $"/api/v1/namespaces/default/pods?labelSelector=app%3D{name}"))["items"]!).Count > 0)
            {
                if (gone.Elapsed > TimeSpan.FromMinutes(2)) { Console.WriteLine("pods of the deleted Deployment stayed"); return 1; }
                await Task.Delay(250);
            }
            Console.WriteLine($"  deleting the Deployment removed its {replicas} pods in {gone.Elapsed.TotalSeconds:F2} s");
        }
        return 0;
    }

    private static async Task<int> DeployOnce(HttpClient http, string app, int replicas, int pid, string round)
    {
        await Post(http, "/api/v1/namespaces/default/services", ServiceJson(app, app));
        // Follow the pods through one watch (polling full lists would load the daemon being measured).
        var selector = $"labelSelector=app%3D{app}";
        var rv = (await GetJson(http, $"/api/v1/namespaces/default/pods?{selector}"))["metadata"]!["resourceVersion"]!.GetValue<string>();
        using var watch = await http.GetAsync($"/api/v1/namespaces/default/pods?watch=1&{selector}&resourceVersion={rv}",
            HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await watch.Content.ReadAsStreamAsync());
        var cpuBefore = CpuSeconds(pid);
        var sw = Stopwatch.StartNew();
        await Post(http, "/apis/apps/v1/namespaces/default/deployments", DeploymentJson(app, replicas));
        var running = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5)))
        {
            while (running.Count < replicas)
            {
                var line = await reader.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("the watch ended");
                var e = JsonNode.Parse(line)!;
                var pod = e["object"]!;
                var name = pod["metadata"]!["name"]!.GetValue<string>();
                if (e["type"]!.GetValue<string>() != "DELETED" && pod["status"]?["phase"]?.GetValue<string>() == "Running" && pod["status"]?["podIP"] is { } ip)
                    running[name] = ip.GetValue<string>();
                else running.Remove(name);
            }
        }
        var podsAt = sw.Elapsed;
        var cpuAtPods = CpuSeconds(pid) - cpuBefore;
        var ips = running.Values.ToHashSet();
        while (SliceIPs(await GetJson(http, $"/apis/discovery.k8s.io/v1/namespaces/default/endpointslices?labelSelector=kubernetes.io%2Fservice-name%3D{app}"))
                   is var slices && !(slices.SetEquals(ips) && slices.Count == replicas))
        {
            if (sw.Elapsed > podsAt + TimeSpan.FromMinutes(1)) { Console.WriteLine("slices did not converge within a minute of the pods"); return 1; }
            await Task.Delay(20);
        }
        var slicesAt = sw.Elapsed;
        Console.WriteLine($"{round}: all {replicas} pods Running with an address {podsAt.TotalSeconds:F2} s (daemon CPU {cpuAtPods:F2} s); " +
                          $"EndpointSlices hold all {replicas} ready {slicesAt.TotalSeconds:F2} s; daemon RSS {Rss(pid)} MB");
        return 0;
    }

    private static async Task<int> Services(HttpClient http, int services, int pid)
    {
        const int PerDeployment = 10;
        var deployments = Math.Max(1, services / 100);
        Console.WriteLine($"# {services} Services × {PerDeployment} endpoints ({deployments} Deployments × {PerDeployment} pods, {services / deployments} Services each), {Environment.ProcessorCount} cores");
        for (var d = 0; d < deployments; d++) await Post(http, "/apis/apps/v1/namespaces/default/deployments", DeploymentJson($"d{d:D3}", PerDeployment));
        var prep = Stopwatch.StartNew();
        while ((await RunningPodIPs(http, "bench=services")).Count < deployments * PerDeployment)
        {
            if (prep.Elapsed > TimeSpan.FromMinutes(5)) { Console.WriteLine("pods did not start within 5 minutes"); return 1; }
            await Task.Delay(200);
        }
        Console.WriteLine($"{deployments * PerDeployment} pods Running in {prep.Elapsed.TotalSeconds:F1} s; daemon RSS {Rss(pid)} MB");

        var sw = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 32).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < services)
                await Post(http, "/api/v1/namespaces/default/services", ServiceJson($"s{i:D5}", $"d{i % deployments:D3}"));
        }));
        var created = sw.Elapsed;
        while (true)
        {
            var list = await GetJson(http, "/apis/discovery.k8s.io/v1/namespaces/default/endpointslices");
            var ready = ((JsonArray)list["items"]!).Where(s => s!["metadata"]!["labels"]?["kubernetes.io/service-name"]?.GetValue<string>() is { } n && n.StartsWith('s'))
                .GroupBy(s => s!["metadata"]!["labels"]!["kubernetes.io/service-name"]!.GetValue<string>())
                .Count(g => g.Sum(s => (s!["endpoints"] as JsonArray)?.Count(e => e!["conditions"]?["ready"]?.GetValue<bool>() == true) ?? 0) == PerDeployment);
            if (ready == services) break;
            if (sw.Elapsed > TimeSpan.FromMinutes(10)) { Console.WriteLine($"only {ready} of {services} Services converged within 10 minutes"); return 1; }
            await Task.Delay(500);
        }
        Console.WriteLine($"{services} Services created through HTTPS in {created.TotalSeconds:F1} s");
        Console.WriteLine($"every Service's EndpointSlices hold its {PerDeployment} ready endpoints: {sw.Elapsed.TotalSeconds:F1} s after the first create");
        Console.WriteLine($"daemon RSS: {Rss(pid)} MB");
        return 0;
    }

    private static async Task<HashSet<string>> RunningPodIPs(HttpClient http, string selector)
    {
        var list = await GetJson(http, "/api/v1/namespaces/default/pods?labelSelector=" + Uri.EscapeDataString(selector));
        return ((JsonArray)list["items"]!)
            .Where(p => p!["status"]?["phase"]?.GetValue<string>() == "Running" && p["status"]?["podIP"] is not null)
            .Select(p => p!["status"]!["podIP"]!.GetValue<string>()).ToHashSet();
    }

    private static HashSet<string> SliceIPs(JsonObject list) =>
        ((JsonArray)list["items"]!).SelectMany(s => (s!["endpoints"] as JsonArray) ?? [])
            .Where(e => e!["conditions"]?["ready"]?.GetValue<bool>() == true)
            .Select(e => e!["addresses"]![0]!.GetValue<string>()).ToHashSet();

    private static async Task<JsonObject> GetJson(HttpClient http, string path) =>
        JsonNode.Parse(await http.GetByteArrayAsync(path))!.AsObject();

    private static async Task Post(HttpClient http, string path, string json)
    {
        using var body = new StringContent(json, Encoding.UTF8, "application/json");
        using var r = await http.PostAsync(path, body);
        if (r.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"POST {path}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
    }

    /// <summary>utime + stime of the process from /proc/pid/stat, in seconds (USER_HZ = 100).</summary>
    internal static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    /// <summary>The pods' image: nginx (real nginx on the kernel data plane) or e.g. example/app (Kinet's built-in responder).</summary>
    private static string Image = "nginx";
    private static string DataPlane = "simulated";

    private static long Rss(int pid) =>
        long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;

    private static string DeploymentJson(string name, int replicas) =>
        """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"NAME"},"spec":{"replicas":REPLICAS,"selector":{"matchLabels":{"app":"NAME"}},"""
        .Replace("NAME", name, StringComparison.Ordinal).Replace("REPLICAS", replicas.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        + """ "template":{"metadata":{"labels":{"app":"NAME","bench":"services"}},"spec":{"containers":[{"name":"web","image":"IMAGE","ports":[{"containerPort":80,"name":"http"}]}]}}}}"""
        .Replace("NAME", name, StringComparison.Ordinal).Replace("IMAGE", Image, StringComparison.Ordinal);

    private static string ServiceJson(string name, string app) =>
        """{"apiVersion":"v1","kind":"Service","metadata":{"name":"NAME"},"spec":{"selector":{"app":"APP"},"ports":[{"port":80,"targetPort":"http"}]}}"""
        .Replace("NAME", name, StringComparison.Ordinal).Replace("APP", app, StringComparison.Ordinal);
}
