// The command line of CoreDNS's /coredns as the coredns image runs it (Go's flag package: -flag, --flag, -flag=value,
// -flag value). Kinet acts on -conf and -version; -dns.port, -pidfile, -quiet and -plugins are accepted.
namespace Kinet.Cli.Dns;

internal sealed record CoreDnsInvocation(string Conf, bool Version, int? DnsPort, bool Quiet)
{
    /// <summary>CoreDNS's own version line (what `coredns -version` prints first).</summary>
    public const string VersionLine = "CoreDNS-1.11.3";

    /// <summary>The invocation, or the error Go's flag package prints before exiting 2.</summary>
    public static (CoreDnsInvocation? Invocation, string? Error) Parse(IReadOnlyList<string> args)
    {
        var conf = "Corefile"; // CoreDNS's default: ./Corefile in its working directory
        bool version = false, quiet = false;
        int? port = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--" ) break;
            if (!arg.StartsWith('-') || arg == "-") break; // Go's flag stops at the first non-flag
            var body = arg.TrimStart('-');
            if (arg.StartsWith("---", StringComparison.Ordinal)) return (null, $"bad flag syntax: {arg}");
            var eq = body.IndexOf('=');
            var name = eq < 0 ? body : body[..eq];
            string? value = eq < 0 ? null : body[(eq + 1)..];
            switch (name)
            {
                case "version" or "quiet" or "plugins":
                    var on = value is null || value is "true" or "1" or "t" or "T" or "TRUE" or "True";
                    if (value is not null && !on && value is not ("false" or "0" or "f" or "F" or "FALSE" or "False"))
                        return (null, $"invalid boolean value \"{value}\" for -{name}: parse error");
                    if (name == "version") version = on;
                    if (name == "quiet") quiet = on;
                    break;
                case "conf" or "dns.port" or "pidfile":
                    if (value is null)
                    {
                        if (i + 1 >= args.Count) return (null, $"flag needs an argument: -{name}");
                        value = args[++i];
                    }
                    if (name == "conf") conf = value;
                    else if (name == "dns.port")
                    {
                        if (!int.TryParse(value, out var p)) return (null, $"invalid value \"{value}\" for flag -dns.port: parse error");
                        port = p;
                    }
                    break;
                default:
                    return (null, $"flag provided but not defined: -{name}");
            }
        }
        return (new CoreDnsInvocation(conf, version, port, quiet), null);
    }
}
