// Runs kinet commands in-process against a temporary KINET_HOME and KUBECONFIG, capturing what they print.
using Kinet.Cli.Clusters;

namespace Kinet.Cli.Tests.Commands;

public sealed class CliRun : IDisposable
{
    private readonly TempDirectory _temp = new();

    public string KinetHome => _temp.Combine("home");
    public string Kubeconfig => _temp.Combine("kube", "config");

    internal ClusterDirectory Cluster(string name) => ClusterDirectory.For(KinetHome, name);

    public async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var env = new CliEnvironment { KinetHome = KinetHome, KubeconfigPath = Kubeconfig, Out = stdout, Err = stderr };
        var code = await CliApp.RunAsync(args, env);
        return (code, stdout.ToString(), stderr.ToString());
    }

    public void Dispose() => _temp.Dispose();
}
