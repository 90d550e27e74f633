// How one resource is printed: its column definitions and the cells (and row conditions) of one object.
using System.Text.Json.Nodes;

namespace Kinet.Api.Tables;

internal abstract class ResourcePrinter
{
    public abstract IReadOnlyList<TableColumn> Columns { get; }

    /// <summary>The cells of one row, in column order: string, long or bool (what Go's printers put there).</summary>
    public abstract IReadOnlyList<object?> Cells(JsonObject obj, DateTimeOffset now);

    /// <summary>Row conditions (metav1.TableRowCondition); only pods have any.</summary>
    public virtual JsonArray? Conditions(JsonObject obj) => null;

    protected static string Name(JsonObject obj) => Json.Str(obj, "metadata", "name");
    protected static string Age(JsonObject obj, DateTimeOffset now) => HumanDuration.Since(Json.At(obj, "metadata", "creationTimestamp"), now);
    protected static string OrNone(string s) => s.Length == 0 ? "<none>" : s;

    /// <summary>layoutContainerCells: container names and images, each comma-joined.</summary>
    protected static (string Names, string Images) ContainerCells(JsonObject obj, params string[] podSpecPath)
    {
        var containers = Json.Arr(obj, [.. podSpecPath, "containers"]).ToList();
        return (string.Join(",", containers.Select(c => Json.Str(c, "name"))), string.Join(",", containers.Select(c => Json.Str(c, "image"))));
    }
}
