// One field problem, as apimachinery's field.Error: the cause of a 422 Invalid Status.
namespace Kinet.Api.Errors;

public enum FieldErrorType { Invalid, Required, NotSupported, Duplicate, Forbidden, TooLong, TooMany, NotFound }

public sealed record FieldError(FieldErrorType Type, string Field, string Detail = "", object? BadValue = null)
{
    /// <summary>The cause reason kube-apiserver uses ("FieldValueInvalid", "FieldValueRequired", ...).</summary>
    public string Reason => Type switch
    {
        FieldErrorType.Invalid => "FieldValueInvalid",
        FieldErrorType.Required => "FieldValueRequired",
        FieldErrorType.NotSupported => "FieldValueNotSupported",
        FieldErrorType.Duplicate => "FieldValueDuplicate",
        FieldErrorType.Forbidden => "FieldValueForbidden",
        FieldErrorType.TooLong => "FieldValueTooLong",
        FieldErrorType.TooMany => "FieldValueTooMany",
        FieldErrorType.NotFound => "FieldValueNotFound",
        _ => "FieldValueInvalid",
    };

    /// <summary>The cause message, without the field: `Invalid value: "BAD": a lowercase RFC 1123 ...`.</summary>
    public string Message => Type switch
    {
        FieldErrorType.Invalid => $"Invalid value: {FormatValue(BadValue)}{Suffix}",
        FieldErrorType.Required => "Required value" + Suffix,
        FieldErrorType.NotSupported => $"Unsupported value: {FormatValue(BadValue)}{Suffix}",
        FieldErrorType.Duplicate => $"Duplicate value: {FormatValue(BadValue)}",
        FieldErrorType.Forbidden => "Forbidden" + Suffix,
        FieldErrorType.TooLong => "Too long" + Suffix,
        FieldErrorType.TooMany => "Too many" + Suffix,
        FieldErrorType.NotFound => $"Not found: {FormatValue(BadValue)}",
        _ => Detail,
    };

    private string Suffix => Detail.Length == 0 ? "" : ": " + Detail;

    /// <summary>`field: message`, as in the Status message list.</summary>
    public override string ToString() => $"{Field}: {Message}";

    private static string FormatValue(object? v) => v switch
    {
        null => "null",
        string s => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"",
        bool b => b ? "true" : "false",
        System.Text.Json.Nodes.JsonNode n => n.ToJsonString(),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "null",
    };
}
