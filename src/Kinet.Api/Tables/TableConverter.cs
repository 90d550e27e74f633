// Server-side printing: turns objects of one resource into a meta.k8s.io/v1 Table, as kube-apiserver answers
// `Accept: application/json;as=Table;v=v1;g=meta.k8s.io`. All columns are sent (kube-apiserver prints "wide"); kubectl hides priority 1 without -o wide.
using System.Text.Json.Nodes;
using Kinet.Api.Resources;

namespace Kinet.Api.Tables;

public static class TableConverter
{
    public static JsonObject ToTable(ResourceInfo r, IReadOnlyList<JsonObject> objects, TableOptions o, DateTimeOffset now)
    {
        var printer = Printers.For(r);
        var metadata = new JsonObject();
        if (!string.IsNullOrEmpty(o.ResourceVersion)) metadata["resourceVersion"] = o.ResourceVersion;
        if (!string.IsNullOrEmpty(o.Continue)) metadata["continue"] = o.Continue;
        if (o.RemainingItemCount is { } remaining) metadata["remainingItemCount"] = remaining;

        var rows = new JsonArray();
        foreach (var obj in objects)
        {
            var row = new JsonObject { ["cells"] = new JsonArray([.. printer.Cells(obj, now).Select(Cell)]) };
            if (printer.Conditions(obj) is { } conditions) row["conditions"] = conditions;
            if (RowObject(r, obj, o.IncludeObject) is { } rowObject) row["object"] = rowObject;
            rows.Add(row);
        }

        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = metadata,
            // Go serializes the absent headers as null rather than leaving the field out.
            ["columnDefinitions"] = o.NoHeaders ? null : new JsonArray([.. printer.Columns.Select(c => (JsonNode)c.ToJson())]),
            ["rows"] = rows,
        };
    }

    /// <summary>The columns kube-apiserver declares for the resource, wide ones included.</summary>
    public static IReadOnlyList<TableColumn> ColumnDefinitions(ResourceInfo r) => Printers.For(r).Columns;

    private static JsonNode? Cell(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        long l => JsonValue.Create(l),
        int i => JsonValue.Create((long)i),
        bool b => JsonValue.Create(b),
        _ => throw new ArgumentException($"unsupported cell type {value.GetType()}"),
    };

    private static JsonObject? RowObject(ResourceInfo r, JsonObject obj, IncludeObjectPolicy policy)
    {
        switch (policy)
        {
            case IncludeObjectPolicy.None:
                return null;
            case IncludeObjectPolicy.Object:
                var full = (JsonObject)obj.DeepClone();
                // The store may hold objects without their type; the client decodes rows by it.
                full["apiVersion"] ??= r.ApiVersion;
                full["kind"] ??= r.Kind;
                return full;
            default:
                var metadata = obj["metadata"]?.DeepClone() as JsonObject ?? [];
                metadata.Remove("managedFields");
                return new JsonObject { ["kind"] = "PartialObjectMetadata", ["apiVersion"] = "meta.k8s.io/v1", ["metadata"] = metadata };
        }
    }
}
