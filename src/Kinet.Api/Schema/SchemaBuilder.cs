// Derives schema nodes from the official k8s.Models classes by reflection, adding the upstream merge tags the classes lack.
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using k8s.Models;

namespace Kinet.Api.Schema;

internal sealed partial class SchemaBuilder
{
    // Structs are cached by CLR type so that recursive types terminate; lists and maps are per field because
    // their merge tags belong to the field (finalizers and command are both []string, one merged, one atomic).
    private readonly Dictionary<Type, StructNode> structs = [];

    public StructNode Struct(Type type)
    {
        if (structs.TryGetValue(type, out var known)) return known;
        var goName = GoName(type);
        var node = new StructNode(goName, UpstreamTags.AtomicStructs.Contains(goName));
        structs[type] = node;
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var json = p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name;
            if (json is null || p.GetCustomAttribute<JsonIgnoreAttribute>() is not null) continue;
            var tags = UpstreamTags.Fields.GetValueOrDefault(goName + "." + json);
            node.Add(new SchemaField
            {
                Name = json,
                Node = Node(p.PropertyType, tags),
                PatchStrategy = ParseStrategy(tags?.PatchStrategy),
                PatchMergeKey = tags?.MergeKey,
                GoType = GoFieldTypes.Fields.GetValueOrDefault(goName + "." + json)!,
            });
        }
        return node;
    }

    private SchemaNode Node(Type type, UpstreamTags.FieldTags? tags)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (Scalar(type) is { } scalar) return ScalarNode.Of(scalar);
        if (DictionaryValue(type) is { } valueType)
            return new MapNode { Values = Node(valueType, null), Atomic = tags?.ElementType == "atomic" };
        if (ListItem(type) is { } itemType)
        {
            var strategy = ParseStrategy(tags?.PatchStrategy);
            var (listType, keys) = ListSemantics(tags, strategy);
            return new ListNode
            {
                Items = Node(itemType, null),
                ListType = listType,
                MapKeys = keys,
                PatchStrategy = strategy,
                PatchMergeKey = tags?.MergeKey,
            };
        }
        if (type.IsClass) return Struct(type);
        return ScalarNode.Of(ScalarKind.Untyped);
    }

    // An explicit +listType wins; otherwise, as kube-openapi's schema conversion does, a merge strategy makes the
    // list associative (keyed by the merge key, or a set of scalars) and everything else is atomic.
    private static (ListType, IReadOnlyList<string>) ListSemantics(UpstreamTags.FieldTags? tags, PatchStrategy strategy)
    {
        switch (tags?.ListType)
        {
            case "map": return (ListType.Map, tags.ListMapKeys.Length > 0 ? tags.ListMapKeys : tags.MergeKey is { } k ? [k] : []);
            case "set": return (ListType.Set, []);
            case "atomic": return (ListType.Atomic, []);
        }
        if (strategy.HasFlag(PatchStrategy.Merge))
            return tags?.MergeKey is { } key ? (ListType.Map, [key]) : (ListType.Set, []);
        return (ListType.Atomic, []);
    }

    private static ScalarKind? Scalar(Type t)
    {
        if (t == typeof(string)) return ScalarKind.String;
        if (t == typeof(int)) return ScalarKind.Int32;
        if (t == typeof(long)) return ScalarKind.Int64;
        if (t == typeof(bool)) return ScalarKind.Bool;
        if (t == typeof(double) || t == typeof(float)) return ScalarKind.Double;
        if (t == typeof(DateTime) || t == typeof(DateTimeOffset)) return ScalarKind.Time;
        if (t == typeof(byte[])) return ScalarKind.Bytes;
        if (t == typeof(IntOrString)) return ScalarKind.IntOrString;
        if (t == typeof(ResourceQuantity)) return ScalarKind.Quantity;
        if (t == typeof(object) || t == typeof(JsonElement) || t == typeof(System.Text.Json.Nodes.JsonNode)) return ScalarKind.Untyped;
        return null;
    }

    private static Type? DictionaryValue(Type t)
    {
        var dict = t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IDictionary<,>) ? t
            : t.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));
        return dict?.GetGenericArguments()[1];
    }

    private static Type? ListItem(Type t)
    {
        if (t.IsArray) return t.GetElementType();
        var list = t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IList<>) ? t
            : t.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IList<>));
        return list?.GetGenericArguments()[0];
    }

    internal static PatchStrategy ParseStrategy(string? tag)
    {
        var s = PatchStrategy.None;
        foreach (var part in (tag ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            s |= part switch
            {
                "merge" => PatchStrategy.Merge,
                "replace" => PatchStrategy.Replace,
                "retainKeys" => PatchStrategy.RetainKeys,
                _ => PatchStrategy.None,
            };
        return s;
    }

    /// <summary>"V1DeploymentSpec" → "DeploymentSpec", "Discoveryv1EndpointPort" → "EndpointPort".</summary>
    internal static string GoName(Type t) => VersionPrefix().Replace(t.Name, "");

    [GeneratedRegex(@"^(V\d+((alpha|beta)\d+)?|[A-Z][a-z]+v\d+((alpha|beta)\d+)?)(?=[A-Z])")]
    private static partial Regex VersionPrefix();
}
