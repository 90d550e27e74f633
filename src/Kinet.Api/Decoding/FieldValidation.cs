// The fieldValidation query parameter: what to do with unknown and duplicate fields in a request body.
namespace Kinet.Api.Decoding;

public enum FieldValidation
{
    /// <summary>Drop them silently.</summary>
    Ignore,
    /// <summary>Drop them and answer with a warning each (the default when the parameter is absent).</summary>
    Warn,
    /// <summary>Refuse the request.</summary>
    Strict,
}

public static class FieldValidationParameter
{
    /// <summary>kube-apiserver's error text lists these (with "" first) for an unsupported value.</summary>
    public static readonly IReadOnlyList<string> Supported = ["", "Ignore", "Strict", "Warn"];

    /// <summary>Parses the query value; "" or null means Warn. Returns false for anything else (a 422 on the options).</summary>
    public static bool TryParse(string? value, out FieldValidation mode)
    {
        (var ok, mode) = value switch
        {
            null or "" or "Warn" => (true, FieldValidation.Warn),
            "Ignore" => (true, FieldValidation.Ignore),
            "Strict" => (true, FieldValidation.Strict),
            _ => (false, FieldValidation.Warn),
        };
        return ok;
    }
}
