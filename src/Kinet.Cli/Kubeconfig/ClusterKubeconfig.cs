// The kubeconfig entry of a cluster, built from its state directory, and merging it into / removing it from a file.
using Kinet.Cli.Clusters;

namespace Kinet.Cli.Kubeconfig;

internal static class ClusterKubeconfig
{
    public static KubeconfigEntry EntryFor(ClusterDirectory dir)
    {
        var port = dir.ReadPort() ?? throw new CliException($"cluster \"{dir.Name}\" has never been started (no port recorded); run kinet up --name {dir.Name}");
        return new KubeconfigEntry(ClusterName.ContextName(dir.Name), $"https://127.0.0.1:{port}",
            File.ReadAllText(dir.CaCertificate), dir.ReadToken());
    }

    /// <summary>A kubeconfig holding only this cluster, current.</summary>
    public static string Standalone(ClusterDirectory dir)
    {
        var document = KubeconfigDocument.Empty();
        document.Upsert(EntryFor(dir));
        return document.ToString();
    }

    public static void Merge(string kubeconfigPath, KubeconfigEntry entry)
    {
        var document = KubeconfigDocument.Load(kubeconfigPath);
        document.Upsert(entry);
        document.Save(kubeconfigPath);
    }

    public static void Remove(string kubeconfigPath, string clusterName)
    {
        if (!File.Exists(kubeconfigPath)) return;
        var document = KubeconfigDocument.Load(kubeconfigPath);
        if (document.Remove(ClusterName.ContextName(clusterName))) document.Save(kubeconfigPath);
    }
}
