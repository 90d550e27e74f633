// Entry point: the schema of every served kind, built once from k8s.Models and cached.
using System.Collections.Concurrent;
using System.Reflection;
using k8s.Models;
using Kinet.Api.Resources;

namespace Kinet.Api.Schema;

public static class ApiSchema
{
    private static readonly SchemaBuilder Builder = new();
    private static readonly Lock Gate = new();
    private static readonly ConcurrentDictionary<(string Group, string Version, string Kind), StructNode> Roots = new();

    /// <summary>The kind's top-level struct (apiVersion, kind, metadata, spec, status, ...).</summary>
    public static StructNode For(ResourceInfo r) => ForKind(r.Group, r.Version, r.Kind);

    public static StructNode ForKind(string group, string version, string kind) =>
        Roots.GetOrAdd((group, version, kind), key =>
        {
            var type = ModelType(key.Group, key.Version, key.Kind)
                ?? throw new ArgumentException($"no k8s.Models type for {key.Group}/{key.Version} {key.Kind}");
            lock (Gate) return Builder.Struct(type);
        });

    /// <summary>The schema of any k8s.Models class (e.g. typeof(V1ObjectMeta), or autoscaling/v1 Scale for the scale subresource).</summary>
    public static StructNode ForType(Type modelType)
    {
        lock (Gate) return Builder.Struct(modelType);
    }

    private static Type? ModelType(string group, string version, string kind) =>
        typeof(V1Pod).Assembly.GetTypes().FirstOrDefault(t =>
            t.GetCustomAttribute<KubernetesEntityAttribute>() is { } e && e.Kind == kind && e.Group == group && e.ApiVersion == version);
}
