// Cluster names: DNS labels of at most 20 characters, because kernel link names (15 bytes max) will carry them later.
using System.Text.RegularExpressions;

namespace Kinet.Cli.Clusters;

internal static partial class ClusterName
{
    public const string Default = "kinet";
    public const int MaxLength = 20;

    /// <summary>Null when the name is usable, else why not (one line).</summary>
    public static string? Problem(string name)
    {
        if (name.Length == 0) return "cluster name must not be empty";
        if (name.Length > MaxLength) return $"cluster name \"{name}\" is too long: at most {MaxLength} characters";
        if (!Label().IsMatch(name))
            return $"cluster name \"{name}\" is invalid: it must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
        return null;
    }

    public static void Validate(string name)
    {
        if (Problem(name) is { } problem) throw new CliException(problem);
    }

    /// <summary>The kubeconfig cluster, user and context name of a cluster.</summary>
    public static string ContextName(string name) => "kinet-" + name;

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Label();
}
