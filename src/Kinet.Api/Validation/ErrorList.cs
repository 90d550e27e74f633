// Collects FieldErrors the way apimachinery's field.ErrorList is built: one helper per error type.
using Kinet.Api.Errors;

namespace Kinet.Api.Validation;

internal sealed class ErrorList : List<FieldError>
{
    public void Invalid(string field, object? value, string detail) => Add(new FieldError(FieldErrorType.Invalid, field, detail, value));

    public void Required(string field, string detail = "") => Add(new FieldError(FieldErrorType.Required, field, detail));

    public void Forbidden(string field, string detail) => Add(new FieldError(FieldErrorType.Forbidden, field, detail));

    public void Duplicate(string field, object? value) => Add(new FieldError(FieldErrorType.Duplicate, field, "", value));

    public void NotFound(string field, object? value) => Add(new FieldError(FieldErrorType.NotFound, field, "", value));

    /// <summary>`Unsupported value: "x": supported values: "A", "B"` (values listed in the order given).</summary>
    public void NotSupported(string field, object? value, IEnumerable<string> supported) =>
        Add(new FieldError(FieldErrorType.NotSupported, field, "supported values: " + string.Join(", ", supported.Select(GoRepr.Quote)), value));

    /// <summary>`Too long: may not be more than N bytes`.</summary>
    public void TooLong(string field, int max) =>
        Add(new FieldError(FieldErrorType.TooLong, field, $"may not be more than {max} {(max == 1 ? "byte" : "bytes")}", "<value omitted>"));

    /// <summary>`Too many: 5: must have at most 4 items` (the actual count travels in the detail, as FieldError prints no value for TooMany).</summary>
    public void TooMany(string field, int actual, int max) =>
        Add(new FieldError(FieldErrorType.TooMany, field, $"{actual}: must have at most {max} {(max == 1 ? "item" : "items")}", actual));

    /// <summary>One Invalid error per message, as upstream does for the IsXxx helpers.</summary>
    public void InvalidEach(string field, object? value, IEnumerable<string> messages)
    {
        foreach (var m in messages) Invalid(field, value, m);
    }
}
