// A parsed agnhost command line: the subcommand and its flags. Obtained from AgnhostServer.TryParse (in-process
// programs) or AgnhostInvocation.Parse (any supported subcommand).
using Kinet.Node.Servers.Go;

namespace Kinet.Node.Servers.Agnhost;

public sealed class AgnhostInvocation
{
    private AgnhostInvocation(string subcommand, ParsedFlags flags, bool help)
    {
        Subcommand = subcommand;
        Flags = flags;
        Help = help;
    }

    public string Subcommand { get; }
    internal ParsedFlags Flags { get; }
    internal bool Help { get; }

    /// <summary>
    /// Parses argv with or without the agnhost binary first ("/agnhost", "agnhost", ".../agnhost"). On failure returns
    /// null and the line agnhost prints (cobra's "Error: ..." wording, without the prefix) in <paramref name="error"/>.
    /// </summary>
    internal static AgnhostInvocation? Parse(IReadOnlyList<string> argv, out string? error)
    {
        var args = WithoutBinary(argv);
        error = null;
        if (args.Count == 0) { error = "a subcommand is required"; return null; }
        var name = args[0];
        if (AgnhostSubcommands.Find(name) is not { } sub)
        {
            error = AgnhostSubcommands.NotBuiltIn.Contains(name)
                ? $"agnhost subcommand \"{name}\" is not built into kinet (it has: {string.Join(", ", AgnhostSubcommands.All.Select(s => s.Name))})"
                : $"unknown command \"{name}\" for \"app\"";
            return null;
        }
        if (PFlags.Parse(args.Skip(1).ToList(), sub.Flags, out error) is not { } flags) return null;
        var count = flags.Positional.Count;
        if (!flags.Help && (count < sub.MinArgs || count > sub.MaxArgs))
        {
            error = sub.MinArgs == sub.MaxArgs && sub.MinArgs > 0
                ? $"accepts {sub.MinArgs} arg(s), received {count}"
                : $"accepts at most {sub.MaxArgs} arg(s), received {count}";
            return null;
        }
        return new AgnhostInvocation(name, flags, flags.Help);
    }

    internal static IReadOnlyList<string> WithoutBinary(IReadOnlyList<string> argv) =>
        argv.Count > 0 && (argv[0] == "agnhost" || argv[0].EndsWith("/agnhost", StringComparison.Ordinal)) ? argv.Skip(1).ToList() : argv;
}
