// Which kubeconfig file `kinet up` writes: the first entry of $KUBECONFIG, else ~/.kube/config (as kind does).
namespace Kinet.Cli.Kubeconfig;

internal static class KubeconfigLocator
{
    public static string Resolve(string? kubeconfigVariable, string home)
    {
        var first = (kubeconfigVariable ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault();
        return Path.GetFullPath(first ?? Path.Combine(home, ".kube", "config"));
    }
}
