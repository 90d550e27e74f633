// The query of GET pods/{name}/log (core/v1 PodLogOptions), parsed and validated as kube-apiserver does before it asks the
// kubelet for anything.
using System.Globalization;
using Kinet.Api.Errors;
using Microsoft.AspNetCore.Http;

namespace Kinet.Api.Streams;

public sealed record PodLogOptions
{
    public string? Container { get; init; }
    public bool Follow { get; init; }
    public bool Previous { get; init; }
    public long? SinceSeconds { get; init; }
    public DateTimeOffset? SinceTime { get; init; }
    public bool Timestamps { get; init; }
    public long? TailLines { get; init; }
    public long? LimitBytes { get; init; }
    public bool InsecureSkipTLSVerifyBackend { get; init; }

    /// <summary>The earliest log time wanted, from SinceSeconds or SinceTime; null for all of it.</summary>
    public DateTimeOffset? Since(DateTimeOffset now) =>
        SinceTime ?? (SinceSeconds is { } s ? now - TimeSpan.FromSeconds(s) : null);

    /// <summary>Parses the query; a value that does not convert is a 400 as apiserver's parameter codec answers it.</summary>
    public static PodLogOptions Parse(IQueryCollection q) => new()
    {
        Container = Str(q, "container"),
        Follow = QueryValues.Bool(q, "follow"),
        Previous = QueryValues.Bool(q, "previous"),
        SinceSeconds = QueryValues.Int(q, "sinceSeconds"),
        SinceTime = Time(q, "sinceTime"),
        Timestamps = QueryValues.Bool(q, "timestamps"),
        TailLines = QueryValues.Int(q, "tailLines"),
        LimitBytes = QueryValues.Int(q, "limitBytes"),
        InsecureSkipTLSVerifyBackend = QueryValues.Bool(q, "insecureSkipTLSVerifyBackend"),
    };

    /// <summary>validation.ValidatePodLogOptions: the field errors, empty when the options are fine.</summary>
    public IReadOnlyList<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        if (TailLines < 0) errors.Add(new FieldError(FieldErrorType.Invalid, "tailLines", "must be greater than or equal to 0", TailLines));
        if (LimitBytes < 1) errors.Add(new FieldError(FieldErrorType.Invalid, "limitBytes", "must be greater than 0", LimitBytes));
        if (SinceSeconds is not null && SinceTime is not null)
            errors.Add(new FieldError(FieldErrorType.Forbidden, "", "at most one of `sinceTime` or `sinceSeconds` may be specified"));
        else if (SinceSeconds < 1)
            errors.Add(new FieldError(FieldErrorType.Invalid, "sinceSeconds", "must be greater than 0", SinceSeconds));
        return errors;
    }

    private static string? Str(IQueryCollection q, string key) => q.TryGetValue(key, out var v) && v.Count > 0 ? v[0] : null;

    private static DateTimeOffset? Time(IQueryCollection q, string key)
    {
        var s = Str(q, key);
        if (s is null) return null;
        if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)) return t.ToUniversalTime();
        throw ApiException.BadRequest($"parsing time \"{s}\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"{s}\" as \"2006\"");
    }
}
