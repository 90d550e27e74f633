// Where a coredns container's Corefile comes from: the file -conf names, inside the container's mounts. When that file
// is the `Corefile` key of a ConfigMap volume (kubeadm's config-volume), the server watches that ConfigMap, which is
// what CoreDNS's `reload` plugin achieves by polling the file the kubelet keeps in sync. Any other file is read once.
using System.Text.Json.Nodes;
using Kinet.Controllers.Nodes.Plans;
using Kinet.Dns.Hosting;
using Kinet.Model;

namespace Kinet.Cli.Dns;

internal static class CoreDnsConfigSource
{
    /// <summary>The options' Corefile source for <paramref name="conf"/> (absolute, or relative to the working
    /// directory). Throws IOException with CoreDNS's wording when the file does not exist.</summary>
    public static CoreDnsOptions Apply(CoreDnsOptions options, JsonObject pod, ContainerPlan container,
        IReadOnlyDictionary<string, string> volumes, string conf)
    {
        var path = conf.StartsWith('/') ? conf : Path.Combine(container.WorkingDir.Length == 0 ? "/" : container.WorkingDir, conf);
        path = Path.GetFullPath(path);
        // The deepest mount wins, as the later mount hides the earlier one.
        var mount = container.Mounts
            .Where(m => path.StartsWith(m.MountPath.TrimEnd('/') + "/", StringComparison.Ordinal))
            .OrderByDescending(m => m.MountPath.Length)
            .FirstOrDefault();
        if (mount is null) throw new IOException($"open {conf}: no such file or directory");
        var relative = Path.Combine(mount.SubPath, path[(mount.MountPath.TrimEnd('/').Length + 1)..]);

        if (ConfigMapKey(pod, mount.VolumeName, relative) is { } cm && cm.Key == "Corefile")
            return options with { ConfigMapNamespace = JsonRead.Str(pod, "metadata", "namespace") ?? "default", ConfigMapName = cm.Name, Corefile = null };

        if (volumes.TryGetValue(mount.VolumeName, out var dir) && File.Exists(Path.Combine(dir, relative)))
            return options with { Corefile = File.ReadAllText(Path.Combine(dir, relative)) };
        throw new IOException($"open {conf}: no such file or directory");
    }

    /// <summary>The ConfigMap and key a file of a configMap volume holds: through `items` when listed, else the key
    /// named like the file.</summary>
    internal static (string Name, string Key)? ConfigMapKey(JsonObject pod, string volumeName, string relative)
    {
        if (JsonRead.At(pod, "spec", "volumes") is not JsonArray list) return null;
        var volume = list.OfType<JsonObject>().FirstOrDefault(v => JsonRead.Str(v, "name") == volumeName);
        if (volume?["configMap"] is not JsonObject source || JsonRead.Str(source, "name") is not { } name) return null;
        if (source["items"] is JsonArray items && items.Count > 0)
        {
            var item = items.OfType<JsonObject>().FirstOrDefault(i => JsonRead.Str(i, "path") == relative);
            return item is null ? null : (name, JsonRead.Str(item, "key") ?? "");
        }
        return relative.Contains('/') ? null : (name, relative);
    }
}
