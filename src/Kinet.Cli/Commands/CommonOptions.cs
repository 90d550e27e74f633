// Options shared by several commands.
using System.CommandLine;
using Kinet.Cli.Clusters;

namespace Kinet.Cli.Commands;

internal static class CommonOptions
{
    public static Option<string> Name() => new("--name")
    {
        Description = "the cluster name",
        DefaultValueFactory = _ => ClusterName.Default,
    };

    /// <summary>The validated cluster name of a parse result.</summary>
    public static string ClusterNameOf(ParseResult parse, Option<string> option)
    {
        var name = parse.GetValue(option) ?? ClusterName.Default;
        ClusterName.Validate(name);
        return name;
    }
}
