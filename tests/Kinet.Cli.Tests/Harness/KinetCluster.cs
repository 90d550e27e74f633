// An xunit fixture that brings up a real Kinet cluster with the built CLI, for end-to-end tests with the real kubectl.
// Each fixture gets a unique cluster name (kt-<random>) and its own temporary KINET_HOME, KUBECONFIG and kubectl
// cache, so tests never touch the user's clusters or kubeconfig. Teardown runs `kinet down` even when tests fail,
// a ProcessExit hook downs any cluster still up if the test run is torn down early, and clusters of earlier runs that
// were killed outright are downed by the next run (StaleClusterSweeper).
//
//   public class MyTests(KinetCluster cluster) : IClassFixture<KinetCluster> { ... await cluster.Kubectl("get", "ns") ... }
using System.Collections.Concurrent;

namespace Kinet.Cli.Tests.Harness;

public class KinetCluster : IAsyncLifetime
{
    private static readonly ConcurrentDictionary<KinetCluster, bool> Live = new();

    static KinetCluster()
    {
        StaleClusterSweeper.Sweep(Path.GetTempPath(), (root, name) => ProcessRunner.RunAsync(DotnetHost, [KinetDll, "down", "--name", name], new Dictionary<string, string>
        {
            ["KINET_HOME"] = Path.Combine(root, "home"),
            ["KUBECONFIG"] = Path.Combine(root, "kube", "config"),
            ["HOME"] = root,
        }).GetAwaiter().GetResult());
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var cluster in Live.Keys) cluster.DownSafetyNet();
        };
    }

    public KinetCluster() : this("simulated") { }

    /// <summary>A cluster whose pods run on <paramref name="dataPlane"/>: "simulated" (API objects only, as kwok) or
    /// "kernel" (network namespaces and processes; see <see cref="KernelCluster"/>).</summary>
    protected KinetCluster(string dataPlane)
    {
        DataPlane = dataPlane;
        Name = "kt-" + Guid.NewGuid().ToString("N")[..8];
        Root = Directory.CreateTempSubdirectory(StaleClusterSweeper.Prefix).FullName;
        StaleClusterSweeper.ClaimOwnership(Root);
    }

    /// <summary>`kinet up --data-plane`: most acceptance tests are about the control plane and use the simulated one, so
    /// their clusters run side by side; kernel clusters share the machine's root namespace and run one at a time.</summary>
    public string DataPlane { get; }

    /// <summary>The cluster name, unique per fixture.</summary>
    public string Name { get; }
    public string Root { get; }
    public string KinetHome => Path.Combine(Root, "home");
    public string KubeconfigPath => Path.Combine(Root, "kube", "config");
    public string KubectlCacheDir => Path.Combine(Root, "kubectl-cache");
    public string StateDirectory => Path.Combine(KinetHome, "clusters", Name);
    public string Context => "kinet-" + Name;

    /// <summary>The path of the kubectl binary used (override with $KINET_TEST_KUBECTL).</summary>
    public static string KubectlPath => Environment.GetEnvironmentVariable("KINET_TEST_KUBECTL") is { Length: > 0 } p ? p : "/usr/bin/kubectl";

    /// <summary>The built CLI that sits beside the test assembly (the test project references Kinet.Cli).</summary>
    public static string KinetDll => Path.Combine(AppContext.BaseDirectory, "kinet.dll");

    /// <summary>The environment every kinet and kubectl run of this cluster gets.</summary>
    public IReadOnlyDictionary<string, string> ProcessEnvironment => new Dictionary<string, string>
    {
        ["KINET_HOME"] = KinetHome,
        ["KUBECONFIG"] = KubeconfigPath,
        ["HOME"] = Root, // anything that still falls back to ~ lands in the temp dir
        ["TERM"] = "dumb",
    };

    public Task InitializeAsync() => Up();

    /// <summary>
    /// `kinet up --name <see cref="Name"/> [extra args, e.g. --config FILE]`; throws with the CLI's output when it fails.
    /// Call again after <see cref="KillDaemon"/>.
    /// </summary>
    public async Task Up(params string[] extraArgs)
    {
        Live[this] = true;
        var result = await Kinet(["up", "--name", Name, "--data-plane", DataPlane, .. extraArgs]);
        if (result.ExitCode != 0) throw new InvalidOperationException($"kinet up --name {Name} failed:\n{result}");
    }

    /// <summary>Runs the kinet CLI with this cluster's environment (remember to pass --name <see cref="Name"/>).</summary>
    public Task<KubectlResult> Kinet(params string[] args) =>
        ProcessRunner.RunAsync(DotnetHost, [KinetDll, .. args], ProcessEnvironment);

    /// <summary>Runs the real kubectl against this cluster.</summary>
    public Task<KubectlResult> Kubectl(params string[] args) => KubectlWithInput(null, args);

    /// <summary>Runs the real kubectl with <paramref name="stdin"/> as its standard input (e.g. `apply -f -`).</summary>
    public Task<KubectlResult> KubectlWithInput(string? stdin, params string[] args) =>
        ProcessRunner.RunAsync(KubectlPath, ["--cache-dir", KubectlCacheDir, .. args], ProcessEnvironment, stdin);

    /// <summary>Runs kubectl and fails the test with its output unless it exits 0; returns its stdout.</summary>
    public async Task<string> KubectlOk(params string[] args)
    {
        var r = await Kubectl(args);
        Assert.True(r.ExitCode == 0, $"kubectl {string.Join(' ', args)}\n{r}");
        return r.Stdout;
    }

    /// <summary>`kubectl apply -f -` of <paramref name="yaml"/>; fails the test unless it succeeds.</summary>
    public async Task Apply(string yaml)
    {
        var r = await KubectlWithInput(yaml, "apply", "-f", "-");
        Assert.True(r.ExitCode == 0, r.ToString());
    }

    /// <summary>The daemon's pid, or null when none is recorded.</summary>
    public int? DaemonPid =>
        File.Exists(Path.Combine(StateDirectory, "daemon.pid")) && int.TryParse(File.ReadAllText(Path.Combine(StateDirectory, "daemon.pid")).Trim(), out var pid)
            ? pid : null;

    /// <summary>SIGKILLs the daemon (a crash: no cleanup runs) and waits until it is gone. State stays for <see cref="Up"/>.</summary>
    public async Task KillDaemon()
    {
        var pid = DaemonPid ?? throw new InvalidOperationException("no daemon.pid: is the cluster up?");
        Cli.Native.Libc.Kill(pid, Cli.Native.Libc.SIGKILL);
        await Cli.Daemon.DaemonProcess.WaitExitAsync(pid, ProcessRunner.HangTimeout, CancellationToken.None);
    }

    /// <summary>`kinet down`, then removes the temp directory.</summary>
    public async Task DisposeAsync()
    {
        try
        {
            var result = await Kinet("down", "--name", Name);
            if (result.ExitCode != 0) throw new InvalidOperationException($"kinet down --name {Name} failed:\n{result}");
        }
        finally
        {
            Live.TryRemove(this, out _);
            try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private void DownSafetyNet()
    {
        try { ProcessRunner.RunAsync(DotnetHost, [KinetDll, "down", "--name", Name], ProcessEnvironment).GetAwaiter().GetResult(); }
        catch (Exception e) when (e is IOException or InvalidOperationException or System.ComponentModel.Win32Exception) { }
    }

    private static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
}
