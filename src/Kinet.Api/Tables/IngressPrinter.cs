// Ingresses: class, hosts (* when none), load-balancer address, ports (80, or "80, 443" with TLS).
using System.Text.Json.Nodes;

namespace Kinet.Api.Tables;

internal sealed class IngressPrinter : ResourcePrinter
{
    private const int MaxHosts = 3;

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        ColumnText.NameColumn,
        new("Class", "string", "The name of the IngressClass resource that should be used for additional configuration"),
        new("Hosts", "string", "Hosts that incoming requests are matched against before the ingress rule"),
        new("Address", "string", "Address is a list containing ingress points for the load-balancer"),
        new("Ports", "string", "Ports of TLS configurations that open"),
        ColumnText.AgeColumn,
    ];

    public override IReadOnlyList<object?> Cells(JsonObject ing, DateTimeOffset now)
    {
        var className = Json.Has(ing, "spec", "ingressClassName") ? Json.Str(ing, "spec", "ingressClassName") : "<none>";
        var address = string.Join(",", ServicePrinter.LoadBalancerAddresses(Json.Obj(ing, "status", "loadBalancer")));
        var ports = Json.Count(ing, "spec", "tls") > 0 ? "80, 443" : "80";
        return [Name(ing), className, Hosts(ing), address, ports, Age(ing, now)];
    }

    private static string Hosts(JsonObject ing)
    {
        var rules = Json.Arr(ing, "spec", "rules").ToList();
        var list = new List<string>();
        var more = false;
        foreach (var rule in rules)
        {
            // "More" means a rule follows the third listed host; its count is over all rules, with a host or not.
            if (list.Count == MaxHosts) more = true;
            if (!more && Json.Str(rule, "host") is { Length: > 0 } host) list.Add(host);
        }
        if (list.Count == 0) return "*";
        var text = string.Join(",", list);
        return more ? $"{text} + {rules.Count - MaxHosts} more..." : text;
    }
}
