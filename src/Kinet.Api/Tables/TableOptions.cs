// What the caller asked of a Table: list metadata to echo, what each row carries, and whether headers are wanted.
namespace Kinet.Api.Tables;

/// <summary>The <c>includeObject</c> query parameter of a Table request.</summary>
public enum IncludeObjectPolicy
{
    /// <summary>Rows carry no object.</summary>
    None,
    /// <summary>Rows carry a PartialObjectMetadata (the default, what kubectl uses for -A, --show-labels, -L).</summary>
    Metadata,
    /// <summary>Rows carry the full object (sent by <c>kubectl get --sort-by</c>).</summary>
    Object,
}

public sealed record TableOptions
{
    /// <summary>Echoed as <c>metadata.resourceVersion</c>; omitted when null or empty.</summary>
    public string? ResourceVersion { get; init; }
    /// <summary>Echoed as <c>metadata.continue</c>; omitted when null or empty.</summary>
    public string? Continue { get; init; }
    /// <summary>Echoed as <c>metadata.remainingItemCount</c> when set.</summary>
    public long? RemainingItemCount { get; init; }
    public IncludeObjectPolicy IncludeObject { get; init; } = IncludeObjectPolicy.Metadata;
    /// <summary>
    /// Leave the column definitions out (they serialize as null, as kube-apiserver does for every watch event after the first).
    /// </summary>
    public bool NoHeaders { get; init; }
}
