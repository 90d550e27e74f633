// Generates OpenAPI v3 component schemas from KubernetesClient's model types by reflection over their [JsonPropertyName]s,
// so `kubectl explain` can walk fields. The client library carries no descriptions at run time, so the schemas have none.
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s.Models;

namespace Kinet.Api.OpenApi;

internal sealed class SchemaGenerator
{
    private readonly Dictionary<Type, string> _names = [];
    private readonly Dictionary<string, (string Group, string Version, string Kind)> _kinds = [];
    private readonly ModelDocs _docs = ModelDocs.Load(typeof(V1Pod));

    /// <summary>Names every type reachable from <paramref name="root"/>; the first root to reach a type decides its package.</summary>
    public void AddRoot(Type root, string package, (string Group, string Version, string Kind)? gvk = null)
    {
        Walk(root, package);
        if (gvk is { } k) _kinds[_names[root]] = k;
    }

    public string NameOf(Type t) => _names[t];

    /// <summary>The schemas of <paramref name="roots"/> and everything they reference, sorted by name.</summary>
    public JsonObject Schemas(IEnumerable<Type> roots)
    {
        var needed = new SortedDictionary<string, Type>(StringComparer.Ordinal);
        var pending = new Stack<Type>(roots);
        var scalars = new SortedSet<string>(StringComparer.Ordinal);
        while (pending.TryPop(out var t))
        {
            if (!needed.TryAdd(_names[t], t)) continue;
            foreach (var p in Properties(t))
            {
                foreach (var referenced in ModelTypesIn(p.PropertyType)) pending.Push(referenced);
                if (Uses(p.PropertyType, typeof(ResourceQuantity))) scalars.Add(SchemaNames.Quantity);
                if (Uses(p.PropertyType, IntOrStringType)) scalars.Add(SchemaNames.IntOrString);
            }
        }

        var schemas = new JsonObject();
        foreach (var (name, type) in needed) schemas[name] = ObjectSchema(name, type);
        foreach (var name in scalars)
        {
            schemas[name] = name == SchemaNames.Quantity
                ? new JsonObject { ["type"] = "string" }
                : new JsonObject { ["type"] = "string", ["format"] = "int-or-string", ["x-kubernetes-int-or-string"] = true };
        }
        schemas[SchemaNames.Patch] = new JsonObject { ["type"] = "object" };
        return new JsonObject([.. schemas.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))]);
    }

    private JsonObject ObjectSchema(string name, Type t)
    {
        var properties = new JsonObject();
        foreach (var p in Properties(t))
        {
            var property = PropertySchema(p.PropertyType);
            if (_docs.Property(t, p.Name) is { } doc) property["description"] = doc;
            properties[JsonName(p)!] = property;
        }
        var schema = new JsonObject();
        if (_docs.Type(t) is { } description) schema["description"] = description;
        schema["type"] = "object";
        schema["properties"] = properties;
        if (_kinds.TryGetValue(name, out var gvk))
            schema["x-kubernetes-group-version-kind"] = new JsonArray(new JsonObject { ["group"] = gvk.Group, ["kind"] = gvk.Kind, ["version"] = gvk.Version });
        return schema;
    }

    private JsonObject PropertySchema(Type t)
    {
        t = Nullable.GetUnderlyingType(t) ?? t;
        if (t == typeof(string)) return new() { ["type"] = "string" };
        if (t == typeof(bool)) return new() { ["type"] = "boolean" };
        if (t == typeof(int) || t == typeof(short)) return new() { ["type"] = "integer", ["format"] = "int32" };
        if (t == typeof(long)) return new() { ["type"] = "integer", ["format"] = "int64" };
        if (t == typeof(double) || t == typeof(float) || t == typeof(decimal)) return new() { ["type"] = "number", ["format"] = "double" };
        if (t == typeof(DateTime) || t == typeof(DateTimeOffset)) return new() { ["type"] = "string", ["format"] = "date-time" };
        if (t == typeof(byte[])) return new() { ["type"] = "string", ["format"] = "byte" };
        if (t == typeof(ResourceQuantity)) return Ref(SchemaNames.Quantity);
        if (t == IntOrStringType) return Ref(SchemaNames.IntOrString);
        if (DictionaryValue(t) is { } value) return new() { ["type"] = "object", ["additionalProperties"] = PropertySchema(value) };
        if (ListItem(t) is { } item) return new() { ["type"] = "array", ["items"] = PropertySchema(item) };
        if (_names.TryGetValue(t, out var name)) return Ref(name);
        // Free-form values (RawExtension-like objects): anything goes.
        return new() { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true };
    }

    // kube-apiserver wraps references in allOf so siblings such as a description can sit next to them.
    private static JsonObject Ref(string name) => new() { ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = "#/components/schemas/" + name }) };

    private void Walk(Type t, string package)
    {
        if (!IsModel(t) || _names.ContainsKey(t)) return;
        _names[t] = SchemaNames.For(t, package);
        foreach (var p in Properties(t))
            foreach (var referenced in ModelTypesIn(p.PropertyType)) Walk(referenced, package);
    }

    private static readonly Type? IntOrStringType = typeof(V1Pod).Assembly.GetTypes()
        .FirstOrDefault(t => t.Namespace == "k8s.Models" && t.Name.EndsWith("IntOrString", StringComparison.Ordinal));

    private static bool IsModel(Type t) =>
        t.Namespace == "k8s.Models" && (t.IsClass || (t.IsValueType && !t.IsPrimitive && !t.IsEnum))
        && t != typeof(ResourceQuantity) && t != IntOrStringType && Properties(t).Any();

    private static IEnumerable<PropertyInfo> Properties(Type t) =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => JsonName(p) is not null);

    private static string? JsonName(PropertyInfo p) => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name;

    private static IEnumerable<Type> ModelTypesIn(Type t)
    {
        t = Nullable.GetUnderlyingType(t) ?? t;
        if (DictionaryValue(t) is { } value) return ModelTypesIn(value);
        if (ListItem(t) is { } item) return ModelTypesIn(item);
        return IsModel(t) ? [t] : [];
    }

    private static bool Uses(Type t, Type? target)
    {
        t = Nullable.GetUnderlyingType(t) ?? t;
        if (target is null) return false;
        if (t == target) return true;
        if (DictionaryValue(t) is { } value) return Uses(value, target);
        return ListItem(t) is { } item && Uses(item, target);
    }

    private static Type? DictionaryValue(Type t) =>
        GenericArgumentsOf(t, typeof(IDictionary<,>)) is [var key, var value] && key == typeof(string) ? value : null;

    private static Type? ListItem(Type t) =>
        t != typeof(string) && t != typeof(byte[]) && GenericArgumentsOf(t, typeof(IEnumerable<>)) is [var item] ? item : null;

    private static Type[]? GenericArgumentsOf(Type t, Type openInterface)
    {
        if (t.IsGenericType && t.GetGenericTypeDefinition() == openInterface) return t.GetGenericArguments();
        return t.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == openInterface)?.GetGenericArguments();
    }
}
