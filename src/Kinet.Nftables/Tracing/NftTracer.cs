// A packet tracer over the fake, after kube-proxy's nftables test tracer: walks the first packet of a connection
// through the base chains of each hook in priority order, following jump/goto/return, verdict maps, sets, fib, marks,
// numgen, dnat, masquerade, reject and drop. It understands the rule grammar Kinet's renderer emits and throws
// NftTraceException naming the rule on anything else. Affinity sets filled by `update @set { ip saddr }` persist
// across Trace calls (not across TraceAll's explored branches), so "the next connection sticks" can be tested.
using System.Net;
using Kinet.Nftables.Fake;
using Kinet.Nftables.Objects;

namespace Kinet.Nftables.Tracing;

public sealed class NftTracer(NftFake fake, IEnumerable<IPAddress> localAddresses)
{
    private readonly HashSet<IPAddress> _local = [.. localAddresses];
    private Dictionary<string, HashSet<string>> _dynamic = new(StringComparer.Ordinal);

    /// <summary>Traces one packet; each `numgen random mod N` takes the next of <paramref name="choices"/> (0 when
    /// they run out).</summary>
    public NftTraceResult Trace(NftPacket packet, NftHookPath path, params int[] choices) =>
        new Run(this, packet, choices).Go(path);

    /// <summary>Every possible outcome of the packet, one per combination of numgen choices; affinity updates made
    /// while exploring are discarded.</summary>
    public IReadOnlyList<NftTraceResult> TraceAll(NftPacket packet, NftHookPath path)
    {
        var results = new List<NftTraceResult>();
        var pending = new Stack<int[]>();
        pending.Push([]);
        while (pending.Count > 0)
        {
            var prefix = pending.Pop();
            var saved = _dynamic.ToDictionary(kv => kv.Key, kv => new HashSet<string>(kv.Value), StringComparer.Ordinal);
            var run = new Run(this, packet, prefix);
            results.Add(run.Go(path));
            _dynamic = saved;
            for (var j = prefix.Length; j < run.Arities.Count; j++)
                for (var alt = 1; alt < run.Arities[j]; alt++)
                    pending.Push([.. run.Used.Take(j), alt]);
        }
        return results;
    }

    private bool IsLocal(IPAddress address) => _local.Contains(address) || IPAddress.IsLoopback(address);

    private enum Flow { Next, Jump, Goto, Return, Accept, Drop, Reject }

    private sealed class Run(NftTracer tracer, NftPacket packet, int[] choices)
    {
        private IPAddress _dst = packet.Destination;
        private int _port = packet.DestinationPort;
        private uint _mark;
        private bool _translated, _masqueraded;
        private readonly List<string> _matched = [];
        private NftFakeTable _table = null!;
        private string _target = "";

        public List<int> Arities { get; } = [];

        public List<int> Used { get; } = [];

        public NftTraceResult Go(NftHookPath path)
        {
            IEnumerable<string> hooks = path == NftHookPath.Arriving ? ["prerouting"] : ["output"];
            var fate = Hooks(hooks);
            if (fate == NftFate.Accepted)
            {
                var local = tracer.IsLocal(_dst);
                hooks = path == NftHookPath.Arriving
                    ? local ? ["input"] : ["forward", "postrouting"]
                    : local ? ["postrouting", "input"] : ["postrouting"];
                fate = Hooks(hooks);
            }
            return new NftTraceResult(packet, fate, _dst, _port, _translated, _masqueraded, _matched);
        }

        private NftFate Hooks(IEnumerable<string> hooks)
        {
            foreach (var hook in hooks)
            {
                var chains = tracer.FakeTables()
                    .SelectMany(t => t.Chains.Values.Where(c => c.Chain.Hook == hook).Select(c => (t, c)))
                    .OrderBy(x => NftNames.Priority(x.c.Chain.Priority));
                foreach (var (table, chain) in chains)
                {
                    _table = table;
                    var flow = BaseChain(chain);
                    if (flow == Flow.Drop) return NftFate.Dropped;
                    if (flow == Flow.Reject) return NftFate.Rejected;
                }
            }
            return NftFate.Accepted;
        }

        private Flow BaseChain(NftFakeChain start)
        {
            var stack = new Stack<(NftFakeChain, int)>();
            var chain = start;
            var index = 0;
            while (true)
            {
                if (index >= chain.Rules.Count)
                {
                    if (stack.Count == 0) return Flow.Accept;
                    (chain, index) = stack.Pop();
                    continue;
                }
                var rule = chain.Rules[index++];
                var flow = Rule(chain.Name, rule);
                switch (flow)
                {
                    case Flow.Next: continue;
                    case Flow.Jump:
                        if (stack.Count > 64) throw new NftTraceException($"jump loop at {chain.Name}: {rule.Text}");
                        stack.Push((chain, index));
                        (chain, index) = (Chain(_target, rule), 0);
                        continue;
                    case Flow.Goto:
                        (chain, index) = (Chain(_target, rule), 0);
                        continue;
                    case Flow.Return:
                        if (stack.Count == 0) return Flow.Accept;
                        (chain, index) = stack.Pop();
                        continue;
                    default:
                        return flow;
                }
            }
        }

        private NftFakeChain Chain(string name, NftRule rule) =>
            _table.Chains.TryGetValue(name, out var c) ? c : throw new NftTraceException($"rule jumps to missing chain {name}: {rule.Chain}: {rule.Text}");

        private Exception Unknown(NftRule rule, string near) =>
            new NftTraceException($"the tracer cannot evaluate '{near}' in rule {rule.Chain}: {rule.Text}");

        /// <summary>Evaluates one rule: matches left to right, then statements; the first failed match ends it.</summary>
        private Flow Rule(string chainName, NftRule rule)
        {
            var t = Fake.NftReferences.Tokenize(rule.Text);
            var i = 0;
            string Tok(int k) => k < t.Count ? t[k] : "";
            while (i < t.Count)
            {
                var w = t[i];
                switch (w)
                {
                    case "ct" when Tok(i + 1) == "state":
                        {
                            i += 2;
                            var values = ReadValues(t, ref i, rule);
                            if (!values.Contains("new")) return Flow.Next;
                            continue;
                        }
                    case "fib" when Tok(i + 2) == "type":
                        {
                            var address = Tok(i + 1) switch { "daddr" => _dst, "saddr" => packet.Source, var x => throw Unknown(rule, x) };
                            var negate = Tok(i + 3) == "!=";
                            var type = Tok(negate ? i + 4 : i + 3);
                            if (type != "local") throw Unknown(rule, type);
                            i += negate ? 5 : 4;
                            if (tracer.IsLocal(address) == negate) return Flow.Next;
                            continue;
                        }
                    case "mark" or "meta" when IsMarkSet(t, i):
                        {
                            i += t[i] == "meta" ? 1 : 0;
                            // mark set mark or|xor VALUE
                            i += 2;
                            if (Tok(i) == "meta") i++;
                            if (Tok(i) != "mark") throw Unknown(rule, Tok(i));
                            var op = Tok(i + 1);
                            var value = Number(Tok(i + 2), rule);
                            _mark = op switch { "or" => _mark | value, "xor" => _mark ^ value, "and" => _mark & value, _ => throw Unknown(rule, op) };
                            i += 3;
                            continue;
                        }
                    case "mark" or "meta" when IsMarkTest(t, i):
                        {
                            i += t[i] == "meta" ? 2 : 1;
                            uint masked = _mark;
                            if (Tok(i) == "and") { masked &= Number(Tok(i + 1), rule); i += 2; }
                            var op = Tok(i) is "==" or "!=" ? t[i++] : "==";
                            var expected = Number(Tok(i++), rule);
                            if ((masked == expected) != (op == "==")) return Flow.Next;
                            continue;
                        }
                    case "numgen":
                        {
                            if (Tok(i + 1) != "random" || Tok(i + 2) != "mod" || Tok(i + 4) != "vmap") throw Unknown(rule, "numgen");
                            var n = (int)Number(Tok(i + 3), rule);
                            var pick = Arities.Count < choices.Length ? choices[Arities.Count] : 0;
                            if (pick < 0 || pick >= n) throw new NftTraceException($"choice {pick} out of range for numgen mod {n} in {rule.Chain}: {rule.Text}");
                            Arities.Add(n);
                            Used.Add(pick);
                            i += 5;
                            var entries = ReadVmap(t, ref i, rule);
                            var hit = entries.FirstOrDefault(e => e.Key == pick.ToString(System.Globalization.CultureInfo.InvariantCulture));
                            if (hit.Key is null) return Flow.Next;
                            _matched.Add($"{chainName}: {rule.Text}");
                            return Verdict(hit.Value, rule);
                        }
                    case "update":
                        {
                            // update @set { ip saddr }
                            var set = Tok(i + 1).TrimStart('@');
                            if (Tok(i + 2) != "{" || Tok(i + 5) != "}") throw Unknown(rule, "update");
                            var value = Selector(Tok(i + 3), Tok(i + 4), rule);
                            if (!tracer._dynamic.TryGetValue(set, out var members)) tracer._dynamic[set] = members = new HashSet<string>(StringComparer.Ordinal);
                            members.Add(value);
                            i += 6;
                            continue;
                        }
                    case "dnat":
                        {
                            if (Tok(i + 1) != "to") throw Unknown(rule, "dnat");
                            (_dst, _port) = ParseEndpoint(Tok(i + 2), rule);
                            _translated = true;
                            _matched.Add($"{chainName}: {rule.Text}");
                            return Flow.Accept;
                        }
                    case "masquerade":
                        _masqueraded = true;
                        _matched.Add($"{chainName}: {rule.Text}");
                        return Flow.Accept;
                    case "counter":
                        i++;
                        continue;
                    case "comment":
                        i += 2;
                        continue;
                    case "jump" or "goto" or "return" or "accept" or "drop" or "reject":
                        _matched.Add($"{chainName}: {rule.Text}");
                        return Verdict(string.Join(' ', t.Skip(i).TakeWhile(x => x != "comment")), rule);
                    default:
                        {
                            // A selector expression (possibly concatenated), then a comparison, a set or a verdict map.
                            var values = new List<string> { Selector(w, Tok(i + 1), rule) };
                            var implied = ImpliedProtocol(w, Tok(i + 1));
                            i += 2;
                            while (Tok(i) == ".")
                            {
                                values.Add(Selector(Tok(i + 1), Tok(i + 2), rule));
                                implied ??= ImpliedProtocol(Tok(i + 1), Tok(i + 2));
                                i += 3;
                            }
                            if (implied is not null && implied != packet.Protocol) return Flow.Next;
                            var key = values.ToArray();
                            if (Tok(i) == "vmap")
                            {
                                i++;
                                string? verdictText;
                                if (Tok(i).StartsWith('@'))
                                {
                                    verdictText = MapLookup(Tok(i)[1..], key, rule);
                                    i++;
                                }
                                else
                                {
                                    var entries = ReadVmap(t, ref i, rule);
                                    verdictText = entries.FirstOrDefault(e => KeyMatches(key, e.Key)).Value;
                                }
                                if (verdictText is null) return Flow.Next;
                                _matched.Add($"{chainName}: {rule.Text}");
                                return Verdict(verdictText, rule);
                            }
                            var negate = false;
                            if (Tok(i) is "!=" or "==") negate = t[i++] == "!=";
                            bool match;
                            if (Tok(i).StartsWith('@'))
                            {
                                match = SetContains(Tok(i)[1..], key);
                                i++;
                            }
                            else
                            {
                                var candidates = ReadValues(t, ref i, rule);
                                match = candidates.Any(c => KeyMatches(key, c));
                            }
                            if (match == negate) return Flow.Next;
                            continue;
                        }
                }
            }
            return Flow.Next;
        }

        private static bool IsMarkSet(List<string> t, int i)
        {
            var j = t[i] == "meta" ? i + 1 : i;
            return j + 1 < t.Count && t[j] == "mark" && t[j + 1] == "set";
        }

        private static bool IsMarkTest(List<string> t, int i)
        {
            var j = t[i] == "meta" ? i + 1 : i;
            return j < t.Count && t[j] == "mark";
        }

        private Flow Verdict(string text, NftRule rule)
        {
            var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            switch (parts.FirstOrDefault())
            {
                case "jump" when parts.Length > 1: _target = parts[1]; return Flow.Jump;
                case "goto" when parts.Length > 1: _target = parts[1]; return Flow.Goto;
                case "return": return Flow.Return;
                case "accept": return Flow.Accept;
                case "drop": return Flow.Drop;
                case "reject": return Flow.Reject;
                default: throw Unknown(rule, text);
            }
        }

        private string Selector(string a, string b, NftRule rule) => (a, b) switch
        {
            ("ip" or "ip6", "daddr") => _dst.ToString(),
            ("ip" or "ip6", "saddr") => packet.Source.ToString(),
            ("meta", "l4proto") => packet.Protocol,
            ("th" or "tcp" or "udp" or "sctp", "dport") => _port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => throw Unknown(rule, $"{a} {b}"),
        };

        private static string? ImpliedProtocol(string a, string b) => a is "tcp" or "udp" or "sctp" && b == "dport" ? a : null;

        private static bool KeyMatches(string[] key, string candidate)
        {
            var parts = candidate.Split(" . ");
            if (parts.Length != key.Length) return false;
            for (var k = 0; k < parts.Length; k++)
                if (!IpMatch.Matches(key[k], parts[k].Trim())) return false;
            return true;
        }

        private bool SetContains(string name, string[] key)
        {
            if (tracer._dynamic.TryGetValue(name, out var dynamic) && key.Length == 1 && dynamic.Contains(key[0]))
                return true;
            if (!_table.Sets.TryGetValue(name, out var set))
                throw new NftTraceException($"no set {name} in table {_table.Table.Name}");
            return set.Elements.ContainsKey(string.Join(" . ", key)) || set.Elements.Keys.Any(k => KeyMatches(key, k));
        }

        private string? MapLookup(string name, string[] key, NftRule rule)
        {
            if (!_table.Sets.TryGetValue(name, out var map) || !map.IsMap)
                throw new NftTraceException($"no map {name} for rule {rule.Chain}: {rule.Text}");
            if (map.Elements.TryGetValue(string.Join(" . ", key), out var exact))
                return NftNames.ElementValue(exact);
            foreach (var (k, e) in map.Elements)
                if (KeyMatches(key, k)) return NftNames.ElementValue(e);
            return null;
        }

        /// <summary>A literal or an anonymous set <c>{ a , b }</c>.</summary>
        private static List<string> ReadValues(List<string> t, ref int i, NftRule rule)
        {
            if (i >= t.Count) throw new NftTraceException($"value expected at the end of rule {rule.Chain}: {rule.Text}");
            if (t[i] != "{") return [t[i++]];
            var values = new List<string>();
            var current = new List<string>();
            for (i++; i < t.Count && t[i] != "}"; i++)
            {
                if (t[i] == ",") { values.Add(string.Join(' ', current)); current.Clear(); }
                else current.Add(t[i]);
            }
            if (current.Count > 0) values.Add(string.Join(' ', current));
            i++;
            return values;
        }

        /// <summary>An anonymous verdict map <c>{ key : verdict , ... }</c>.</summary>
        private static List<KeyValuePair<string, string>> ReadVmap(List<string> t, ref int i, NftRule rule)
        {
            var entries = new List<KeyValuePair<string, string>>();
            foreach (var entry in ReadValues(t, ref i, rule))
            {
                var colon = entry.IndexOf(" : ", StringComparison.Ordinal);
                if (colon < 0) throw new NftTraceException($"verdict map entry without ':' in {rule.Chain}: {rule.Text}");
                entries.Add(new(entry[..colon].Trim(), entry[(colon + 3)..].Trim()));
            }
            return entries;
        }

        private uint Number(string text, NftRule rule)
        {
            var ok = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                ? uint.TryParse(text[2..], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var v)
                : uint.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out v);
            return ok ? v : throw Unknown(rule, text);
        }

        private (IPAddress, int) ParseEndpoint(string text, NftRule rule)
        {
            if (IPEndPoint.TryParse(text, out var ep) && text.Contains(':', StringComparison.Ordinal))
                return (ep.Address, ep.Port);
            if (IPAddress.TryParse(text, out var address))
                return (address, _port);
            throw Unknown(rule, text);
        }
    }

    private IEnumerable<NftFakeTable> FakeTables() => fake.Tables;
}
