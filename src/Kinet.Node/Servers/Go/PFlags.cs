// The command-line grammar of agnhost (cobra over spf13/pflag): --name=value, --name value, bare --bool, -v shorthand,
// flags anywhere among the arguments, "--" ending flags; and pflag's error wording, which users of agnhost see.
using System.Globalization;

namespace Kinet.Node.Servers.Go;

internal enum FlagKind { Bool, Int, String, Duration }

internal sealed record FlagSpec(string Name, FlagKind Kind, string Default, bool Ignored = false);

internal sealed class ParsedFlags
{
    private readonly Dictionary<string, string> _values;

    public ParsedFlags(Dictionary<string, string> values, IReadOnlyList<string> positional, bool help)
    {
        _values = values;
        Positional = positional;
        Help = help;
    }

    public IReadOnlyList<string> Positional { get; }
    public bool Help { get; }
    public string String(string name) => _values[name];
    public int Int(string name) => (int)ParseInt(_values[name])!;
    public bool Bool(string name) => ParseBool(_values[name])!.Value;
    public TimeSpan Duration(string name) => GoDuration.TryParse(_values[name], out var d) ? d : TimeSpan.Zero;

    internal static long? ParseInt(string s)
    {
        var negative = s.StartsWith('-');
        var digits = negative || s.StartsWith('+') ? s[1..] : s;
        long value;
        var ok = digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? long.TryParse(digits[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value)
            : long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        return ok && value <= int.MaxValue ? (negative ? -value : value) : null;
    }

    internal static bool? ParseBool(string s) => s switch
    {
        "1" or "t" or "T" or "TRUE" or "true" or "True" => true,
        "0" or "f" or "F" or "FALSE" or "false" or "False" => false,
        _ => null,
    };
}

internal static class PFlags
{
    /// <summary>klog's flags, which agnhost accepts on every subcommand (some tests pass --v=2) and which do nothing here.</summary>
    public static readonly FlagSpec[] Klog =
    [
        new("v", FlagKind.String, "0", true), new("vmodule", FlagKind.String, "", true),
        new("logtostderr", FlagKind.Bool, "true", true), new("alsologtostderr", FlagKind.Bool, "false", true),
        new("log_dir", FlagKind.String, "", true), new("log_file", FlagKind.String, "", true),
        new("log_file_max_size", FlagKind.String, "1800", true), new("skip_headers", FlagKind.Bool, "false", true),
        new("skip_log_headers", FlagKind.Bool, "false", true), new("stderrthreshold", FlagKind.String, "2", true),
        new("add_dir_header", FlagKind.Bool, "false", true), new("one_output", FlagKind.Bool, "false", true),
        new("log_backtrace_at", FlagKind.String, ":0", true),
    ];

    /// <summary>Parses <paramref name="args"/>; on failure returns null and pflag's message in <paramref name="error"/>.</summary>
    public static ParsedFlags? Parse(IReadOnlyList<string> args, IEnumerable<FlagSpec> specs, out string? error)
    {
        var all = specs.Concat(Klog).ToDictionary(s => s.Name);
        var values = all.Values.ToDictionary(s => s.Name, s => s.Default);
        var positional = new List<string>();
        var help = false;
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--") { positional.AddRange(args.Skip(i + 1)); break; }
            if (arg.Length < 2 || arg[0] != '-') { positional.Add(arg); continue; }
            var longForm = arg.StartsWith("--", StringComparison.Ordinal);
            var body = arg[(longForm ? 2 : 1)..];
            var eq = body.IndexOf('=');
            var name = eq >= 0 ? body[..eq] : body;
            string? value = eq >= 0 ? body[(eq + 1)..] : null;
            if (!longForm && name.Length > 1 && value is null) { value = name[1..]; name = name[..1]; } // -v2
            var shown = longForm ? "--" + name : "-" + name;
            if (name is "help" || (!longForm && name == "h")) { help = true; continue; }
            if ((!longForm && name.Length != 1) || !all.TryGetValue(name, out var spec) || (!longForm && name != "v"))
            {
                error = longForm ? $"unknown flag: --{name}" : $"unknown shorthand flag: '{name[0]}' in {arg}";
                return null;
            }
            if (value is null)
            {
                if (spec.Kind == FlagKind.Bool) value = "true";
                else if (i + 1 < args.Count) value = args[++i];
                else { error = $"flag needs an argument: {shown}"; return null; }
            }
            if (Invalid(spec, value) is { } why)
            {
                error = $"invalid argument \"{value}\" for \"{(spec.Name.Length == 1 ? "-" + spec.Name + ", --" + spec.Name : "--" + spec.Name)}\" flag: {why}";
                return null;
            }
            values[name] = value;
        }
        return new ParsedFlags(values, positional, help);
    }

    private static string? Invalid(FlagSpec spec, string value) => spec.Kind switch
    {
        FlagKind.Bool when ParsedFlags.ParseBool(value) is null => $"strconv.ParseBool: parsing \"{value}\": invalid syntax",
        FlagKind.Int when ParsedFlags.ParseInt(value) is null => $"strconv.ParseInt: parsing \"{value}\": invalid syntax",
        FlagKind.Duration when !GoDuration.TryParse(value, out _) => GoDuration.InvalidMessage(value),
        _ => null,
    };
}
