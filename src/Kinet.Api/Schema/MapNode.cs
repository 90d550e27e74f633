// A map from string keys to values of one type (labels, ConfigMap data, resource lists).
namespace Kinet.Api.Schema;

public sealed class MapNode : SchemaNode
{
    public required SchemaNode Values { get; init; }
    /// <summary>+mapType=atomic: server-side apply owns the map as one value (e.g. nodeSelector, service selector).</summary>
    public bool Atomic { get; init; }

    public override string GoType => "map[string]" + Values.GoType;
    public override SchemaNode? Child(string key) => Values;
}
