// EndpointSlices: address type, ports (name or * when unset) and the first three addresses; <unset> when empty.
using System.Text.Json.Nodes;

namespace Kinet.Api.Tables;

internal sealed class EndpointSlicePrinter : ResourcePrinter
{
    private const int Max = 3;

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        ColumnText.NameColumn,
        new("AddressType", "string", "addressType specifies the type of address carried by this EndpointSlice."),
        new("Ports", "string", "ports specifies the list of network ports exposed by each endpoint in this slice."),
        new("Endpoints", "string", "endpoints is a list of unique endpoints in this slice."),
        ColumnText.AgeColumn,
    ];

    public override IReadOnlyList<object?> Cells(JsonObject slice, DateTimeOffset now)
    {
        var ports = Json.Arr(slice, "ports").Select(p =>
            Json.Has(p, "port") ? Json.Int(p, "port").ToString(System.Globalization.CultureInfo.InvariantCulture)
            : Json.Has(p, "name") ? Json.Str(p, "name") : "*").ToList();
        var addresses = Json.Arr(slice, "endpoints").SelectMany(e => Json.Strings(e, "addresses")).ToList();
        return [Name(slice), Json.Str(slice, "addressType"), ListWithMore(ports), ListWithMore(addresses), Age(slice, now)];
    }

    private static string ListWithMore(List<string> items)
    {
        var text = string.Join(",", items.Take(Max));
        if (items.Count > Max) return $"{text} + {items.Count - Max} more...";
        return text.Length == 0 ? "<unset>" : text;
    }
}
