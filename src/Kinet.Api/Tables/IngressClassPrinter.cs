// IngressClasses: controller and the parameters reference as Kind.group/name.
using System.Text.Json.Nodes;

namespace Kinet.Api.Tables;

internal sealed class IngressClassPrinter : ResourcePrinter
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        ColumnText.NameColumn,
        new("Controller", "string", "Controller that is responsible for handling this class"),
        new("Parameters", "string", "A reference to a resource with additional parameters"),
        ColumnText.AgeColumn,
    ];

    public override IReadOnlyList<object?> Cells(JsonObject ic, DateTimeOffset now)
    {
        var parameters = "<none>";
        if (Json.Obj(ic, "spec", "parameters") is { } p)
        {
            parameters = Json.Str(p, "kind");
            if (Json.Has(p, "apiGroup")) parameters += "." + Json.Str(p, "apiGroup");
            parameters += "/" + Json.Str(p, "name");
        }
        return [Name(ic), Json.Str(ic, "spec", "controller"), parameters, Age(ic, now)];
    }
}
