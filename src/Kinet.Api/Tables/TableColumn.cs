// One column of a server-side Table (metav1.TableColumnDefinition).
using System.Text.Json.Nodes;

namespace Kinet.Api.Tables;

/// <param name="Type">OpenAPI type of the cells: "string", "integer", "number", "boolean", "date".</param>
/// <param name="Format">"name" marks the column kubectl prefixes with "kind/" in multi-type output.</param>
/// <param name="Priority">0 is always shown; 1 only with <c>-o wide</c> (kubectl filters, the server sends all).</param>
public sealed record TableColumn(string Name, string Type, string Description, int Priority = 0, string Format = "")
{
    public JsonObject ToJson() => new()
    {
        ["name"] = Name,
        ["type"] = Type,
        ["format"] = Format,
        ["description"] = Description,
        ["priority"] = Priority,
    };
}
