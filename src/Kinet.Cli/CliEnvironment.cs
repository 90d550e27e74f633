// Everything a command reads from the outside world, gathered once so tests can run commands in-process
// against temporary directories instead of the user's home and kubeconfig.
namespace Kinet.Cli;

internal sealed record CliEnvironment
{
    /// <summary>Root of all cluster state: ${KINET_HOME:-$HOME/.kinet}.</summary>
    public required string KinetHome { get; init; }
    /// <summary>The kubeconfig file to merge into: first path of $KUBECONFIG, else ~/.kube/config.</summary>
    public required string KubeconfigPath { get; init; }
    public TextWriter Out { get; init; } = Console.Out;
    public TextWriter Err { get; init; } = Console.Error;
    /// <summary>Whether progress may redraw lines (stdout is a terminal).</summary>
    public bool Interactive { get; init; }

    public static CliEnvironment FromProcess()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var kinetHome = Environment.GetEnvironmentVariable("KINET_HOME");
        return new CliEnvironment
        {
            KinetHome = Path.GetFullPath(string.IsNullOrEmpty(kinetHome) ? Path.Combine(home, ".kinet") : kinetHome),
            KubeconfigPath = Kubeconfig.KubeconfigLocator.Resolve(Environment.GetEnvironmentVariable("KUBECONFIG"), home),
            Interactive = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("TERM") is not (null or "dumb"),
        };
    }
}
