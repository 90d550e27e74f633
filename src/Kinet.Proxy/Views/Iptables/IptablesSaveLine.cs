// How `iptables-save` prints back a rule that was restored from kube-proxy's argument list: the generic matches
// first (`! -s`, `-d` with a /32 or /128 prefix, `-p`), then each `-m` module with its options in the module's own
// canonical form, then the target. Checked against iptables v1.8.9 (nf_tables): comments are quoted unless they are
// plain words, probabilities come back as the 31-bit fraction the kernel stores (%.11f), marks in short hex,
// MARK --or-mark/--xor-mark as --set-xmark, `recent` with its defaults spelled out, REJECT with its default reply.
using System.Globalization;
using System.Text;

namespace Kinet.Proxy.Views.Iptables;

public static class IptablesSaveLine
{
    public static string Format(IptablesRule rule, bool ipv6 = false)
    {
        string? source = null, destination = null, protocol = null;
        bool notSource = false, notDestination = false;
        var modules = new List<(string Name, List<string> Options)>();
        string? target = null;
        var targetOptions = new List<string>();
        List<string>? current = null;

        var args = rule.Args;
        for (var i = 0; i < args.Count; i++)
        {
            var token = args[i];
            var negated = token == "!" && i + 1 < args.Count && args[i + 1] is "-s" or "-d";
            if (negated) token = args[++i];
            switch (token)
            {
                case "-s": source = Address(args[++i]); notSource = negated; break;
                case "-d": destination = Address(args[++i]); notDestination = negated; break;
                case "-p": protocol = args[++i]; break;
                case "-m":
                    modules.Add((args[++i], current = []));
                    break;
                case "-j":
                    target = args[++i];
                    current = targetOptions;
                    break;
                default:
                    current?.Add(token);
                    break;
            }
        }

        var line = new StringBuilder("-A ").Append(rule.Chain);
        if (source is not null) line.Append(notSource ? " ! -s " : " -s ").Append(source);
        if (destination is not null) line.Append(notDestination ? " ! -d " : " -d ").Append(destination);
        if (protocol is not null) line.Append(" -p ").Append(protocol);
        foreach (var (name, options) in modules)
        {
            line.Append(" -m ").Append(name);
            var text = Module(name, options, ipv6);
            if (text.Length > 0) line.Append(' ').Append(text);
        }
        if (target is not null)
        {
            line.Append(" -j ").Append(target);
            var text = Target(target, targetOptions, ipv6);
            if (text.Length > 0) line.Append(' ').Append(text);
        }
        return line.ToString();
    }

    /// <summary>libxtables' xtables_save_string: bare when only [A-Za-z0-9_-], else double-quoted with \ escapes.</summary>
    public static string SaveString(string value)
    {
        if (value.Length > 0 && value.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '_' or '-')) return value;
        var text = new StringBuilder("\"");
        foreach (var ch in value)
        {
            if (ch is '"' or '\\' or '\'') text.Append('\\');
            text.Append(ch);
        }
        return text.Append('"').ToString();
    }

    /// <summary>What xt_statistic stores (probability × 2^31, rounded) and prints back with "%.11f".</summary>
    public static string SavedProbability(string restored)
    {
        var value = double.Parse(restored, CultureInfo.InvariantCulture);
        var stored = (uint)Math.Round(0x80000000 * value, MidpointRounding.AwayFromZero);
        return (stored / (double)0x80000000).ToString("F11", CultureInfo.InvariantCulture);
    }

    private static string Module(string name, List<string> options, bool ipv6) => name switch
    {
        "comment" => "--comment " + SaveString(Unquote(Value(options, "--comment"))),
        "statistic" => $"--mode {Value(options, "--mode")} --probability {SavedProbability(Value(options, "--probability"))}",
        "recent" => Recent(options, ipv6),
        "mark" => (options.Contains("!") ? "! " : "") + "--mark " + Mark(Value(options, "--mark")),
        // libxt_nfacct prints the name with its own leading space after the option's.
        "nfacct" => "--nfacct-name  " + Value(options, "--nfacct-name"),
        _ => string.Join(' ', options),
    };

    private static string Target(string target, List<string> options, bool ipv6)
    {
        if (target == "MARK" && options.Count == 2)
        {
            var mark = Hex(options[1]);
            return options[0] switch
            {
                "--or-mark" => $"--set-xmark 0x{mark:x}/0x{mark:x}",
                "--xor-mark" => $"--set-xmark 0x{mark:x}/0x0",
                _ => string.Join(' ', options),
            };
        }
        if (target == "REJECT" && options.Count == 0) return ipv6 ? "--reject-with icmp6-port-unreachable" : "--reject-with icmp-port-unreachable";
        return string.Join(' ', options);
    }

    private static string Recent(List<string> options, bool ipv6)
    {
        var text = new StringBuilder();
        foreach (var mode in new[] { "--set", "--rcheck", "--update", "--remove" })
        {
            if (options.Contains(mode)) text.Append(mode);
        }
        var seconds = options.IndexOf("--seconds");
        if (seconds >= 0) text.Append(" --seconds ").Append(options[seconds + 1]);
        if (options.Contains("--reap")) text.Append(" --reap");
        text.Append(" --name ").Append(Value(options, "--name"));
        text.Append(ipv6 ? " --mask ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff" : " --mask 255.255.255.255");
        return text.Append(" --rsource").ToString();
    }

    private static string Mark(string value)
    {
        var parts = value.Split('/');
        var mark = Hex(parts[0]);
        var mask = parts.Length > 1 ? Hex(parts[1]) : 0xffffffff;
        return mask == 0xffffffff ? $"0x{mark:x}" : $"0x{mark:x}/0x{mask:x}";
    }

    private static uint Hex(string text) =>
        text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? uint.Parse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            : uint.Parse(text, CultureInfo.InvariantCulture);

    private static string Value(List<string> options, string option)
    {
        var at = options.IndexOf(option);
        return at >= 0 && at + 1 < options.Count ? options[at + 1] : "";
    }

    private static string Unquote(string text) =>
        text.Length >= 2 && text[0] == '"' && text[^1] == '"' ? text[1..^1] : text;

    private static string Address(string text) =>
        text.Contains('/', StringComparison.Ordinal) ? text : text + (text.Contains(':', StringComparison.Ordinal) ? "/128" : "/32");
}
