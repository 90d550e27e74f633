// Label key and value syntax (apimachinery validation.IsQualifiedName / IsValidLabelValue), shared by selectors and validation.
using System.Text.RegularExpressions;

namespace Kinet.Model.Selectors;

public static partial class LabelSyntax
{
    private const string QualifiedNameMessage =
        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
    private const string LabelValueMessage =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    [GeneratedRegex("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")]
    private static partial Regex QualifiedName();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Dns1123Subdomain();

    /// <summary>Null when valid, else the apimachinery message.</summary>
    public static string? ValidateKey(string key)
    {
        var parts = key.Split('/');
        string name;
        if (parts.Length == 1) name = parts[0];
        else if (parts.Length == 2)
        {
            var prefix = parts[0];
            if (prefix.Length == 0) return "prefix part must be non-empty";
            if (prefix.Length > 253) return "prefix part must be no more than 253 characters";
            if (!Dns1123Subdomain().IsMatch(prefix))
                return "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
            name = parts[1];
        }
        else return "a qualified name " + QualifiedNameMessage + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')";
        if (name.Length == 0) return "name part must be non-empty";
        if (name.Length > 63) return "name part must be no more than 63 characters";
        if (!QualifiedName().IsMatch(name)) return QualifiedNameMessage;
        return null;
    }

    public static string? ValidateValue(string value)
    {
        if (value.Length > 63) return "must be no more than 63 characters";
        if (value.Length > 0 && !QualifiedName().IsMatch(value)) return LabelValueMessage;
        return null;
    }
}
