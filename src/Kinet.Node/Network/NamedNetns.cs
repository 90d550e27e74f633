// Named network namespaces as iproute2 keeps them (/run/netns/<name>, a bind mount of the namespace), listed and
// removed without spawning `ip` (PodPlumbing creates pods' ones). /run/netns itself is prepared by the node setup's
// `ip netns add` (a shared mount, so a namespace unmounted here is unmounted in containers' mount namespaces too).
using Kinet.Node.Native;

namespace Kinet.Node.Network;

internal static class NamedNetns
{
    public static bool Exists(string name) => File.Exists(NetworkNames.NetnsPath(name));

    /// <summary>Whether the file is a network namespace (and not a plain file left by a crash mid-creation).</summary>
    public static async Task<bool> IsNamespaceAsync(string name)
    {
        try
        {
            await NetnsThread.RunAsync(NetworkNames.NetnsPath(name), () => true).ConfigureAwait(false);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Unmounts and removes the named namespace (the kernel frees it once no process and no socket holds it).
    /// Removing one that does not exist is a no-op.</summary>
    public static void Delete(string name)
    {
        var path = NetworkNames.NetnsPath(name);
        NetnsNative.DetachMount(path);
        File.Delete(path);
    }

    /// <summary>The named namespaces on the machine.</summary>
    public static IReadOnlyList<string> List() =>
        Directory.Exists(NetworkNames.NetnsDirectory)
            ? Directory.EnumerateFiles(NetworkNames.NetnsDirectory).Select(Path.GetFileName).OfType<string>().ToList()
            : [];
}
