// An in-memory nftables with the kernel's transaction semantics as knftables' fake has them: add is idempotent, create
// fails on an existing object, flush empties, delete fails on a missing object and on a chain or set still referenced,
// a jump to a missing chain fails, and a transaction applies whole or not at all (an undo journal rolls back).
// Dump() is a sorted, stable text of a table for golden files; ListTableAsync looks like `nft list table`.
using System.Text;
using Kinet.Nftables.Objects;
using Kinet.Nftables.Transactions;

namespace Kinet.Nftables.Fake;

public sealed class NftFake : INftables
{
    private readonly Dictionary<(NftFamily, string), NftFakeTable> _tables = [];

    /// <summary>How many transactions applied (for tests asserting that nothing was written).</summary>
    public int Transactions { get; private set; }

    public NftFakeTable? Table(NftTable table) => _tables.GetValueOrDefault((table.Family, table.Name));

    public IReadOnlyCollection<NftFakeTable> Tables => _tables.Values;

    public Task RunAsync(NftTransaction transaction, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        Apply(transaction);
        return Task.CompletedTask;
    }

    /// <summary>Applies every operation or, on the first refused one, none (throws <see cref="NftablesException"/>).</summary>
    public void Apply(NftTransaction transaction)
    {
        var undo = new List<Action>();
        var key = (transaction.Table.Family, transaction.Table.Name);
        var prefix = $"{NftNames.Family(transaction.Table.Family)} {transaction.Table.Name}";
        foreach (var op in transaction.Operations)
        {
            try
            {
                Do(key, transaction.Table, op, undo);
            }
            catch (NftablesException e)
            {
                for (var i = undo.Count - 1; i >= 0; i--)
                    undo[i]();
                throw new NftablesException($"{e.Message}\n{Describe(op, prefix)}");
            }
        }
        Transactions++;
    }

    public Task<string?> ListTableAsync(NftTable table, CancellationToken ct) =>
        Task.FromResult(Table(table) is { } t ? NftListing.Of(t) : null);

    /// <summary>The table as sorted `nft -f` lines (table, chains, sets, maps, then rules chain by chain and elements
    /// sorted by key): stable across runs and usable as a golden file; "" when the table does not exist.</summary>
    public string Dump(NftTable table)
    {
        if (Table(table) is not { } t)
            return "";
        var prefix = $"{NftNames.Family(table.Family)} {table.Name}";
        var sb = new StringBuilder();
        sb.Append("add table ").Append(prefix).Append(NftNames.Body(t.Table)).Append('\n');
        var chains = t.ChainsByName.Values.OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        var sets = t.SetsByName.Values.OrderBy(s => s.IsMap).ThenBy(s => s.Name, StringComparer.Ordinal).ToList();
        foreach (var c in chains)
            sb.Append("add chain ").Append(prefix).Append(' ').Append(c.Name).Append(NftNames.Body(c.Chain)).Append('\n');
        foreach (var s in sets)
            sb.Append(s.IsMap ? "add map " : "add set ").Append(prefix).Append(' ').Append(s.Name).Append(NftNames.Body(s.Definition)).Append('\n');
        foreach (var c in chains)
            foreach (var r in c.RuleList)
            {
                sb.Append("add rule ").Append(prefix).Append(' ').Append(c.Name).Append(' ').Append(r.Text);
                if (r.Comment is not null) sb.Append(" comment ").Append(NftNames.Quote(r.Comment));
                sb.Append('\n');
            }
        foreach (var s in sets)
            foreach (var e in s.ElementsByKey.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                sb.Append("add element ").Append(prefix).Append(' ').Append(s.Name).Append(" { ").Append(NftNames.Element(e.Value)).Append(" }\n");
        return sb.ToString();
    }

    private static string Describe(NftOperation op, string prefix)
    {
        var sb = new StringBuilder();
        try { NftScript.Line(sb, op, prefix); }
        catch (NotSupportedException) { sb.Append(op.Verb.ToString().ToLowerInvariant()).Append(' ').Append(op.Object).Append('\n'); }
        return sb.ToString().TrimEnd('\n');
    }

    private static NftablesException NotFound() => new("Error: Could not process rule: No such file or directory");

    private static NftablesException Exists() => new("Error: Could not process rule: File exists");

    private static NftablesException Busy() => new("Error: Could not process rule: Device or resource busy");

    private void Do((NftFamily, string) key, NftTable tableDef, NftOperation op, List<Action> undo)
    {
        if (op.Object is NftTable)
        {
            DoTable(key, tableDef, op.Verb, undo);
            return;
        }
        if (!_tables.TryGetValue(key, out var table))
            throw NotFound();
        switch (op.Object)
        {
            case NftChain c: DoChain(table, c, op.Verb, undo); break;
            case NftRule r: DoRule(table, r, op.Verb, undo); break;
            case NftSet s: DoSet(table, s, s.Name, s.Type, op.Verb, undo); break;
            case NftMap m: DoSet(table, m, m.Name, m.Type, op.Verb, undo); break;
            case NftElement e: DoElement(table, e, op.Verb, undo); break;
        }
    }

    private void DoTable((NftFamily, string) key, NftTable def, NftVerb verb, List<Action> undo)
    {
        var exists = _tables.TryGetValue(key, out var table);
        switch (verb)
        {
            case NftVerb.Add or NftVerb.Create or NftVerb.Insert:
                if (exists)
                {
                    if (verb == NftVerb.Create) throw Exists();
                    return;
                }
                _tables[key] = new NftFakeTable(def);
                undo.Add(() => _tables.Remove(key));
                return;
            case NftVerb.Flush:
                if (!exists) throw NotFound();
                foreach (var c in table!.ChainsByName.Values)
                    FlushChain(table, c, undo);
                return;
            case NftVerb.Delete:
                if (!exists) throw NotFound();
                _tables.Remove(key);
                undo.Add(() => _tables[key] = table!);
                return;
        }
    }

    private static void DoChain(NftFakeTable table, NftChain def, NftVerb verb, List<Action> undo)
    {
        var exists = table.ChainsByName.TryGetValue(def.Name, out var chain);
        switch (verb)
        {
            case NftVerb.Add or NftVerb.Create or NftVerb.Insert:
                if (exists)
                {
                    if (verb == NftVerb.Create) throw Exists();
                    // Re-adding with a different hook, type or priority is refused by the kernel.
                    if (def.IsBaseChain && (chain!.Chain.Hook != def.Hook || chain.Chain.Type != def.Type
                        || NftNames.Priority(chain.Chain.Priority) != NftNames.Priority(def.Priority)))
                        throw Exists();
                    return;
                }
                table.ChainsByName[def.Name] = new NftFakeChain(def);
                undo.Add(() => table.ChainsByName.Remove(def.Name));
                return;
            case NftVerb.Flush:
                if (!exists) throw NotFound();
                FlushChain(table, chain!, undo);
                return;
            case NftVerb.Delete:
                if (!exists) throw NotFound();
                // A modern kernel removes the chain's own rules with it; only references from elsewhere keep it.
                if (chain!.References > 0) throw Busy();
                FlushChain(table, chain, undo);
                table.ChainsByName.Remove(def.Name);
                undo.Add(() => table.ChainsByName[def.Name] = chain);
                return;
        }
    }

    private static void FlushChain(NftFakeTable table, NftFakeChain chain, List<Action> undo)
    {
        if (chain.RuleList.Count == 0)
            return;
        var rules = chain.RuleList.ToList();
        foreach (var r in rules)
            Reference(table, r.Text, -1);
        chain.RuleList.Clear();
        undo.Add(() =>
        {
            chain.RuleList.AddRange(rules);
            foreach (var r in rules)
                Reference(table, r.Text, +1);
        });
    }

    private static void DoRule(NftFakeTable table, NftRule rule, NftVerb verb, List<Action> undo)
    {
        if (!table.ChainsByName.TryGetValue(rule.Chain, out var chain))
            throw NotFound();
        switch (verb)
        {
            case NftVerb.Add or NftVerb.Create or NftVerb.Insert:
                Reference(table, CheckReferences(table, rule.Text), +1);
                if (verb == NftVerb.Insert) chain.RuleList.Insert(0, rule);
                else chain.RuleList.Add(rule);
                undo.Add(() =>
                {
                    chain.RuleList.Remove(rule);
                    Reference(table, rule.Text, -1);
                });
                return;
            case NftVerb.Delete:
                var index = chain.RuleList.FindIndex(r => r.Text == rule.Text);
                if (index < 0) throw NotFound();
                var removed = chain.RuleList[index];
                chain.RuleList.RemoveAt(index);
                Reference(table, removed.Text, -1);
                undo.Add(() =>
                {
                    chain.RuleList.Insert(index, removed);
                    Reference(table, removed.Text, +1);
                });
                return;
            default:
                throw new NftablesException("Error: syntax error, unexpected flush rule");
        }
    }

    private static (List<string> Chains, List<string> Sets) CheckReferences(NftFakeTable table, string text)
    {
        var (chains, sets) = NftReferences.Of(text);
        foreach (var c in chains)
        {
            if (!table.ChainsByName.TryGetValue(c, out var target))
                throw NotFound();
            if (target.Chain.IsBaseChain)
                throw new NftablesException("Error: Could not process rule: Operation not supported");
        }
        foreach (var s in sets)
            if (!table.SetsByName.ContainsKey(s))
                throw NotFound();
        return (chains, sets);
    }

    private static void Reference(NftFakeTable table, string text, int delta) => Reference(table, NftReferences.Of(text), delta);

    private static void Reference(NftFakeTable table, (List<string> Chains, List<string> Sets) refs, int delta)
    {
        var (chains, sets) = refs;
        foreach (var c in chains)
            if (table.ChainsByName.TryGetValue(c, out var target))
                target.References += delta;
        foreach (var s in sets)
            if (table.SetsByName.TryGetValue(s, out var target))
                target.References += delta;
    }

    private static void DoSet(NftFakeTable table, object def, string name, string type, NftVerb verb, List<Action> undo)
    {
        var exists = table.SetsByName.TryGetValue(name, out var set);
        switch (verb)
        {
            case NftVerb.Add or NftVerb.Create or NftVerb.Insert:
                if (exists)
                {
                    if (verb == NftVerb.Create || set!.IsMap != def is NftMap || set.Type != type) throw Exists();
                    return;
                }
                table.SetsByName[name] = new NftFakeSet(def);
                undo.Add(() => table.SetsByName.Remove(name));
                return;
            case NftVerb.Flush:
                if (!exists) throw NotFound();
                FlushSet(table, set!, undo);
                return;
            case NftVerb.Delete:
                if (!exists) throw NotFound();
                if (set!.References > 0) throw Busy();
                FlushSet(table, set, undo);
                table.SetsByName.Remove(name);
                undo.Add(() => table.SetsByName[name] = set);
                return;
        }
    }

    private static void FlushSet(NftFakeTable table, NftFakeSet set, List<Action> undo)
    {
        if (set.ElementsByKey.Count == 0)
            return;
        var saved = set.ElementsByKey.ToList();
        foreach (var (_, e) in saved)
            Reference(table, NftNames.ElementValue(e), -1);
        set.ElementsByKey.Clear();
        undo.Add(() =>
        {
            foreach (var (k, e) in saved)
            {
                set.ElementsByKey[k] = e;
                Reference(table, NftNames.ElementValue(e), +1);
            }
        });
    }

    private static void DoElement(NftFakeTable table, NftElement element, NftVerb verb, List<Action> undo)
    {
        if (!table.SetsByName.TryGetValue(element.SetOrMap, out var set))
            throw NotFound();
        var key = NftNames.ElementKey(element);
        var exists = set.ElementsByKey.TryGetValue(key, out var existing);
        switch (verb)
        {
            case NftVerb.Add or NftVerb.Create or NftVerb.Insert:
                if (set.IsMap != element.Value is { Count: > 0 })
                    throw new NftablesException(set.IsMap ? "Error: map element needs a value" : "Error: set element cannot have a value");
                if (exists)
                {
                    // The kernel refuses a key already mapped to something else (kube-proxy deletes then adds).
                    if (verb == NftVerb.Create || NftNames.ElementValue(existing!) != NftNames.ElementValue(element)) throw Exists();
                    return;
                }
                var value = NftNames.ElementValue(element);
                Reference(table, CheckReferences(table, value), +1);
                set.ElementsByKey[key] = element;
                undo.Add(() =>
                {
                    set.ElementsByKey.Remove(key);
                    Reference(table, value, -1);
                });
                return;
            case NftVerb.Delete:
                if (!exists) throw NotFound();
                set.ElementsByKey.Remove(key);
                Reference(table, NftNames.ElementValue(existing!), -1);
                undo.Add(() =>
                {
                    set.ElementsByKey[key] = existing!;
                    Reference(table, NftNames.ElementValue(existing!), +1);
                });
                return;
            default:
                throw new NftablesException("Error: syntax error, unexpected flush element");
        }
    }
}
