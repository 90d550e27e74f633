// Endpoints: the first three address:port pairs, "+ N more...", or <none>.
using System.Text.Json.Nodes;

namespace Kinet.Api.Tables;

internal sealed class EndpointsPrinter : ResourcePrinter
{
    private const int Max = 3;

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        ColumnText.NameColumn,
        new("Endpoints", "string", "The set of all endpoints is the union of all subsets."),
        ColumnText.AgeColumn,
    ];

    public override IReadOnlyList<object?> Cells(JsonObject ep, DateTimeOffset now) => [Name(ep), Format(ep), Age(ep, now)];

    private static string Format(JsonObject ep)
    {
        var subsets = Json.Arr(ep, "subsets").ToList();
        if (subsets.Count == 0) return "<none>";
        var list = new List<string>();
        var count = 0;
        var more = false;
        foreach (var ss in subsets)
        {
            var addresses = Json.Arr(ss, "addresses").Select(a => Json.Str(a, "ip")).ToList();
            var ports = Json.Arr(ss, "ports").ToList();
            // Headless services may have no ports: the bare addresses are listed.
            IEnumerable<IEnumerable<string>> groups = ports.Count == 0
                ? [addresses]
                : ports.Select(p => addresses.Select(ip => HostPort(ip, Json.Int(p, "port"))));
            foreach (var group in groups)
            {
                var items = group.ToList();
                count += items.Count;
                foreach (var item in items)
                {
                    if (list.Count == Max) { more = true; break; }
                    list.Add(item);
                }
            }
        }
        var text = string.Join(",", list);
        return more ? $"{text} + {count - Max} more..." : text;
    }

    /// <summary>net.JoinHostPort: IPv6 addresses get brackets.</summary>
    public static string HostPort(string host, long port) => host.Contains(':') ? $"[{host}]:{port}" : $"{host}:{port}";
}
