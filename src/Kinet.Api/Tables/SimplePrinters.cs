// The small printers: a name, one or two counted or copied fields, and the age.
using System.Text.Json.Nodes;

namespace Kinet.Api.Tables;

internal sealed class ConfigMapPrinter : ResourcePrinter
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
        [ColumnText.NameColumn, new("Data", "string", "Data contains the configuration data."), ColumnText.AgeColumn];

    public override IReadOnlyList<object?> Cells(JsonObject cm, DateTimeOffset now) =>
        [Name(cm), (long)(Json.Count(cm, "data") + Json.Count(cm, "binaryData")), Age(cm, now)];
}

internal sealed class SecretPrinter : ResourcePrinter
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        ColumnText.NameColumn,
        new("Type", "string", "Used to facilitate programmatic handling of secret data."),
        new("Data", "string", "Data contains the secret data."),
        ColumnText.AgeColumn,
    ];

    public override IReadOnlyList<object?> Cells(JsonObject s, DateTimeOffset now) =>
        [Name(s), Json.Str(s, "type"), (long)Json.Count(s, "data"), Age(s, now)];
}

internal sealed class ServiceAccountPrinter : ResourcePrinter
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
        [ColumnText.NameColumn, new("Secrets", "string", "Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use."), ColumnText.AgeColumn];

    public override IReadOnlyList<object?> Cells(JsonObject sa, DateTimeOffset now) =>
        [Name(sa), (long)Json.Count(sa, "secrets"), Age(sa, now)];
}

internal sealed class LeasePrinter : ResourcePrinter
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
        [ColumnText.NameColumn, new("Holder", "string", "holderIdentity contains the identity of the holder of a current lease."), ColumnText.AgeColumn];

    public override IReadOnlyList<object?> Cells(JsonObject l, DateTimeOffset now) =>
        [Name(l), Json.Str(l, "spec", "holderIdentity"), Age(l, now)];
}

/// <summary>kube-apiserver's default table for resources without a printer: Name and Created At.</summary>
internal sealed class DefaultPrinter : ResourcePrinter
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
        [ColumnText.NameColumn, new("Created At", "date", ColumnText.CreationTimestamp)];

    public override IReadOnlyList<object?> Cells(JsonObject o, DateTimeOffset now) =>
        [Name(o), HumanDuration.ParseTimestamp(Json.At(o, "metadata", "creationTimestamp"))?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)];
}
