// The string formats of apimachinery's util/validation (IsDNS1123Label, IsQualifiedName, ...): each returns
// the upstream messages for what is wrong, empty when the value is fine.
using System.Text.RegularExpressions;

namespace Kinet.Api.Validation;

internal static partial class NameFormats
{
    private const string QualifiedNameFmt = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private const string QualifiedNameErrMsg = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const string LabelValueFmt = "(" + QualifiedNameFmt + ")?";
    private const string LabelValueErrMsg = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const string Dns1123LabelFmt = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private const string Dns1123LabelErrMsg = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
    private const string Dns1123SubdomainFmt = Dns1123LabelFmt + "(\\." + Dns1123LabelFmt + ")*";
    private const string Dns1123SubdomainErrMsg = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
    private const string Dns1035LabelFmt = "[a-z]([-a-z0-9]*[a-z0-9])?";
    private const string Dns1035LabelErrMsg = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
    private const string WildcardFmt = "\\*\\." + Dns1123SubdomainFmt;
    private const string WildcardErrMsg = "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character";
    private const string EnvVarNameFmt = "[-._a-zA-Z][-._a-zA-Z0-9]*";
    private const string ConfigMapKeyFmt = "[-._a-zA-Z0-9]+";
    private const string PercentFmt = "[0-9]+%";
    private const string HttpHeaderNameFmt = "[-A-Za-z0-9]+";

    [GeneratedRegex("^" + QualifiedNameFmt + "\\z")] private static partial Regex QualifiedName();
    [GeneratedRegex("^" + LabelValueFmt + "\\z")] private static partial Regex LabelValue();
    [GeneratedRegex("^" + Dns1123LabelFmt + "\\z")] private static partial Regex Dns1123Label();
    [GeneratedRegex("^" + Dns1123SubdomainFmt + "\\z")] private static partial Regex Dns1123Subdomain();
    [GeneratedRegex("^" + Dns1035LabelFmt + "\\z")] private static partial Regex Dns1035Label();
    [GeneratedRegex("^" + WildcardFmt + "\\z")] private static partial Regex Wildcard();
    [GeneratedRegex("^" + EnvVarNameFmt + "\\z")] private static partial Regex EnvVarName();
    [GeneratedRegex("^" + ConfigMapKeyFmt + "\\z")] private static partial Regex ConfigMapKey();
    [GeneratedRegex("^" + PercentFmt + "\\z")] private static partial Regex Percent();
    [GeneratedRegex("^" + HttpHeaderNameFmt + "\\z")] private static partial Regex HttpHeaderName();
    [GeneratedRegex("^[-a-z0-9]+\\z")] private static partial Regex PortNameCharset();
    [GeneratedRegex("[a-z]")] private static partial Regex OneLetter();

    public static string MaxLenError(int n) => $"must be no more than {n} characters";

    public const string EmptyError = "must be non-empty";

    public static string InclusiveRangeError(long lo, long hi) => $"must be between {lo} and {hi}, inclusive";

    /// <summary>apimachinery RegexError: `msg (e.g. 'a',  or 'b', regex used for validation is 'fmt')` — the double space is upstream's.</summary>
    public static string RegexError(string msg, string fmt, params string[] examples)
    {
        if (examples.Length == 0) return msg + " (regex used for validation is '" + fmt + "')";
        msg += " (e.g. ";
        for (var i = 0; i < examples.Length; i++)
        {
            if (i > 0) msg += " or ";
            msg += "'" + examples[i] + "', ";
        }
        return msg + "regex used for validation is '" + fmt + "')";
    }

    public static List<string> IsQualifiedName(string value)
    {
        var errs = new List<string>();
        var parts = value.Split('/');
        string name;
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                var prefix = parts[0];
                name = parts[1];
                if (prefix.Length == 0) errs.Add("prefix part " + EmptyError);
                else errs.AddRange(IsDns1123Subdomain(prefix).Select(m => "prefix part " + m));
                break;
            default:
                errs.Add("a qualified name " + RegexError(QualifiedNameErrMsg, QualifiedNameFmt, "MyName", "my.name", "123-abc") +
                         " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
                return errs;
        }
        if (name.Length == 0) errs.Add("name part " + EmptyError);
        else if (name.Length > 63) errs.Add("name part " + MaxLenError(63));
        if (!QualifiedName().IsMatch(name)) errs.Add("name part " + RegexError(QualifiedNameErrMsg, QualifiedNameFmt, "MyName", "my.name", "123-abc"));
        return errs;
    }

    public static List<string> IsValidLabelValue(string value)
    {
        var errs = new List<string>();
        if (value.Length > 63) errs.Add(MaxLenError(63));
        if (!LabelValue().IsMatch(value)) errs.Add(RegexError(LabelValueErrMsg, LabelValueFmt, "MyValue", "my_value", "12345"));
        return errs;
    }

    public static List<string> IsDns1123Label(string value)
    {
        var errs = new List<string>();
        if (value.Length > 63) errs.Add(MaxLenError(63));
        if (!Dns1123Label().IsMatch(value))
        {
            // A valid subdomain that is not a label can only be wrong because of its dots (length was checked above).
            if (Dns1123Subdomain().IsMatch(value)) errs.Add("must not contain dots");
            else errs.Add(RegexError(Dns1123LabelErrMsg, Dns1123LabelFmt, "my-name", "123-abc"));
        }
        return errs;
    }

    public static List<string> IsDns1123Subdomain(string value)
    {
        var errs = new List<string>();
        if (value.Length > 253) errs.Add(MaxLenError(253));
        if (!Dns1123Subdomain().IsMatch(value)) errs.Add(RegexError(Dns1123SubdomainErrMsg, Dns1123SubdomainFmt, "example.com"));
        return errs;
    }

    public static List<string> IsDns1035Label(string value)
    {
        var errs = new List<string>();
        if (value.Length > 63) errs.Add(MaxLenError(63));
        if (!Dns1035Label().IsMatch(value)) errs.Add(RegexError(Dns1035LabelErrMsg, Dns1035LabelFmt, "my-name", "abc-123"));
        return errs;
    }

    public static List<string> IsWildcardDns1123Subdomain(string value)
    {
        var errs = new List<string>();
        if (value.Length > 253) errs.Add(MaxLenError(253));
        if (!Wildcard().IsMatch(value)) errs.Add(RegexError(WildcardErrMsg, WildcardFmt, "*.example.com"));
        return errs;
    }

    public static List<string> IsValidPortNum(long port) =>
        port is >= 1 and <= 65535 ? [] : [InclusiveRangeError(1, 65535)];

    public static List<string> IsValidPortName(string port)
    {
        var errs = new List<string>();
        if (port.Length > 15) errs.Add(MaxLenError(15));
        if (!PortNameCharset().IsMatch(port)) errs.Add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        if (!OneLetter().IsMatch(port)) errs.Add("must contain at least one letter (a-z)");
        if (port.Contains("--", StringComparison.Ordinal)) errs.Add("must not contain consecutive hyphens");
        if (port.Length > 0 && (port[0] == '-' || port[^1] == '-')) errs.Add("must not begin or end with a hyphen");
        return errs;
    }

    public static List<string> IsEnvVarName(string value)
    {
        var errs = new List<string>();
        if (!EnvVarName().IsMatch(value))
            errs.Add(RegexError("a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit",
                EnvVarNameFmt, "my.env-name", "MY_ENV.NAME", "MyEnvName1"));
        errs.AddRange(HasChDirPrefix(value));
        return errs;
    }

    /// <summary>1.32 has RelaxedEnvironmentVariableValidation on (beta): any printable ASCII but '='.</summary>
    public static List<string> IsRelaxedEnvVarName(string value)
    {
        var errs = new List<string>();
        if (value.Length == 0) errs.Add("environment variable name " + EmptyError);
        if (value.Any(c => c > 0x7e || c < 0x20 || c == '='))
            errs.Add("a valid environment variable name must consist only of printable ASCII characters other than '='");
        return errs;
    }

    public static List<string> IsConfigMapKey(string value)
    {
        var errs = new List<string>();
        if (value.Length > 253) errs.Add(MaxLenError(253));
        if (!ConfigMapKey().IsMatch(value))
            errs.Add(RegexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", ConfigMapKeyFmt, "key.name", "KEY_NAME", "key-name"));
        errs.AddRange(HasChDirPrefix(value));
        return errs;
    }

    public static List<string> IsValidPercent(string value) =>
        Percent().IsMatch(value) ? [] : [RegexError("a valid percent string must be a numeric string followed by an ending '%'", PercentFmt, "1%", "93%")];

    public static List<string> IsHttpHeaderName(string value) =>
        HttpHeaderName().IsMatch(value) ? [] : [RegexError("a valid HTTP header must consist of alphanumeric characters or '-'", HttpHeaderNameFmt, "X-Header-Name")];

    private static List<string> HasChDirPrefix(string value) => value switch
    {
        "." => ["must not be '.'"],
        ".." => ["must not be '..'"],
        _ when value.StartsWith("..", StringComparison.Ordinal) => ["must not start with '..'"],
        _ => [],
    };

    /// <summary>Name functions take "prefix" (generateName): a trailing dash is then allowed, as apimachinery's maskTrailingDash.</summary>
    public static string MaskTrailingDash(string name) =>
        name.Length > 1 && name.EndsWith('-') ? name[..^2] + "a" : name;
}
