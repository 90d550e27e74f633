// A small packet tracer over a rendered iptables rule set, in the spirit of kube-proxy's own runPacketFlowTests: it
// walks the first packet of a connection through nat (PREROUTING, or OUTPUT for the node's own traffic) and then
// filter, and returns every way it can end with its probability, since `-m statistic` rules are followed both ways.
// It knows the matches and targets kube-proxy writes and nothing more; `-m recent --rcheck` never matches (a new
// client), conntrack sees a NEW connection.
using System.Globalization;
using System.Net;
using Kinet.Model.Services;
using Kinet.Proxy.Views.Iptables;

namespace Kinet.Proxy.Tests.Views;

internal sealed record Packet(string Source, string Destination, int Port, string Protocol = "tcp", bool FromNode = false);

/// <summary>How a packet ends: "DNAT" (to Destination), "REJECT", "DROP" or "ACCEPT" (no rule applied).</summary>
internal sealed record TraceOutcome(string Verdict, string? Destination, bool Masqueraded, double Probability);

internal sealed class IptablesTracer(IptablesRuleSet rules, ProxyState state)
{
    private sealed record Flow(string Destination, int Port, bool Masq, double P, string? Verdict = null);

    public static List<TraceOutcome> Trace(ProxyState state, Packet packet) =>
        new IptablesTracer(IptablesRenderer.Render(state), state).Run(packet);

    public List<TraceOutcome> Run(Packet packet)
    {
        var outcomes = new List<TraceOutcome>();
        var nat = Walk("nat", packet.FromNode ? "OUTPUT" : "PREROUTING", packet, new Flow(packet.Destination, packet.Port, false, 1.0));
        foreach (var flow in nat)
        {
            var dnat = flow.Verdict == "DNAT";
            var after = packet with { Destination = flow.Destination, Port = flow.Port };
            var entry = packet.FromNode ? "OUTPUT" : IsLocal(after.Destination) ? "INPUT" : "FORWARD";
            foreach (var filtered in Walk("filter", entry, after, flow with { Verdict = null }))
            {
                var verdict = filtered.Verdict is "REJECT" or "DROP" ? filtered.Verdict : dnat ? "DNAT" : "ACCEPT";
                outcomes.Add(new TraceOutcome(verdict, dnat ? $"{flow.Destination}:{flow.Port}" : null, flow.Masq, filtered.P));
            }
        }
        return outcomes;
    }

    /// <summary>Every flow leaving <paramref name="chain"/>: with a verdict, or without one (fell off or RETURNed).</summary>
    private List<Flow> Walk(string table, string chain, Packet packet, Flow flow)
    {
        var chainRules = (table == "nat" ? rules.NatRules : rules.FilterRules).Concat(rules.BuiltinJumps.Where(r => r.Table == table))
            .Where(r => r.Chain == chain).ToList();
        var live = new List<Flow> { flow };
        var done = new List<Flow>();
        foreach (var rule in chainRules)
        {
            var next = new List<Flow>();
            foreach (var f in live)
            {
                var current = packet with { Destination = f.Destination, Port = f.Port };
                var p = Matches(rule.Args, current);
                if (p <= 0) { next.Add(f); continue; }
                if (p < 1) next.Add(f with { P = f.P * (1 - p) });
                var taken = f with { P = f.P * p };
                foreach (var result in Apply(table, rule.Args, packet, taken))
                    (result.Verdict is null ? next : done).Add(result);
            }
            live = next;
        }
        return [.. done, .. live];
    }

    private IEnumerable<Flow> Apply(string table, IReadOnlyList<string> args, Packet packet, Flow flow)
    {
        var at = IndexOf(args, "-j");
        if (at < 0) return [flow];
        var target = args[at + 1];
        switch (target)
        {
            case "KUBE-MARK-MASQ": return [flow with { Masq = true }];
            case "DNAT":
                var to = args[at + 3];
                var colon = to.LastIndexOf(':');
                return [flow with { Destination = to[..colon], Port = int.Parse(to[(colon + 1)..], CultureInfo.InvariantCulture), Verdict = "DNAT" }];
            case "REJECT" or "DROP" or "ACCEPT": return [flow with { Verdict = target }];
            case "RETURN": return [flow];
            default:
                return Walk(table, target, packet, flow);
        }
    }

    /// <summary>1 when every match holds, 0 when one fails, the probability for a statistic match.</summary>
    private double Matches(IReadOnlyList<string> args, Packet packet)
    {
        var probability = 1.0;
        for (var i = 0; i < args.Count && args[i] != "-j"; i++)
        {
            var negate = args[i] == "!";
            if (negate) i++;
            bool? holds = args[i] switch
            {
                "-s" => Contains(args[++i], packet.Source),
                "-d" => Contains(args[++i], packet.Destination),
                "-p" => args[++i] == packet.Protocol,
                "--dport" => int.Parse(args[++i], CultureInfo.InvariantCulture) == packet.Port,
                "--dst-type" => IsLocal(packet.Destination) == (args[++i] == "LOCAL"),
                "--src-type" => packet.FromNode == (args[++i] == "LOCAL"),
                "--ctstate" => args[++i].Split(',').Contains("NEW"),
                "--rcheck" => false,
                "--mark" => SkipValue(ref i, false),
                "--comment" or "--name" or "--seconds" or "--mode" or "--nfacct-name" => SkipValue(ref i, true),
                "--probability" => SkipProbability(args[++i], ref probability),
                _ => null,
            };
            if (holds is { } value && value == negate) return 0;
        }
        return probability;
    }

    private static bool SkipValue(ref int i, bool result)
    {
        i++;
        return result;
    }

    private static bool SkipProbability(string value, ref double probability)
    {
        probability = double.Parse(value, CultureInfo.InvariantCulture);
        return true;
    }

    private bool IsLocal(string address) =>
        state.NodeIPs.Any(ip => ip.ToString() == address) || Contains("127.0.0.0/8", address);

    private static bool Contains(string cidr, string address)
    {
        var ip = IPAddress.Parse(address);
        return cidr.Contains('/', StringComparison.Ordinal) ? IPNetwork.Parse(cidr).Contains(ip) : IPAddress.Parse(cidr).Equals(ip);
    }

    private static int IndexOf(IReadOnlyList<string> args, string value)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == value) return i;
        }
        return -1;
    }
}
