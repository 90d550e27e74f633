// An immutable label map sorted by key and compared by value (node labels in ClusterSpec / NodeSpec).
using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Kinet.Model.Cluster;

public sealed class LabelMap : IReadOnlyDictionary<string, string>, IEquatable<LabelMap>
{
    private readonly SortedDictionary<string, string> _map;

    public LabelMap(IEnumerable<KeyValuePair<string, string>> labels)
    {
        _map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in labels) _map[k] = v;
    }

    public static LabelMap Empty { get; } = new([]);

    public string this[string key] => _map[key];
    public IEnumerable<string> Keys => _map.Keys;
    public IEnumerable<string> Values => _map.Values;
    public int Count => _map.Count;
    public bool ContainsKey(string key) => _map.ContainsKey(key);
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value) => _map.TryGetValue(key, out value);
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _map.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(LabelMap? other) => other is not null && _map.SequenceEqual(other._map);
    public override bool Equals(object? obj) => Equals(obj as LabelMap);

    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var (k, v) in _map) { h.Add(k); h.Add(v); }
        return h.ToHashCode();
    }

    /// <summary>As kubelet's --node-labels takes them: "a=b,c=d".</summary>
    public override string ToString() => string.Join(",", _map.Select(kv => $"{kv.Key}={kv.Value}"));
}
