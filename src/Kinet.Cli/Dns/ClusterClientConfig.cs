// The official client's configuration for a Kinet cluster: its admin kubeconfig (server, CA, token), built in memory
// for the daemon's own clients (the coredns pods' watchers) and from the state directory for `kinet dns`.
using System.Text;
using Kinet.Cli.Clusters;
using Kinet.Cli.Kubeconfig;

namespace Kinet.Cli.Dns;

internal static class ClusterClientConfig
{
    /// <summary>The admin kubeconfig of <paramref name="dir"/> pointing at <paramref name="port"/> on 127.0.0.1.</summary>
    public static k8s.KubernetesClientConfiguration For(ClusterDirectory dir, int port)
    {
        var document = KubeconfigDocument.Empty();
        document.Upsert(new KubeconfigEntry(ClusterName.ContextName(dir.Name), $"https://127.0.0.1:{port}",
            File.ReadAllText(dir.CaCertificate), dir.ReadToken()));
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(document.ToString()));
        return k8s.KubernetesClientConfiguration.BuildConfigFromConfigFile(stream);
    }

    /// <summary>The running cluster's configuration, or a one-line error when it is not running.</summary>
    public static k8s.KubernetesClientConfiguration ForRunning(ClusterDirectory dir)
    {
        if (!dir.HasCredentials) throw new CliException($"cluster \"{dir.Name}\" does not exist");
        if (Daemon.DaemonProcess.Find(dir) is null || dir.ReadPort() is not { } port)
            throw new CliException($"cluster \"{dir.Name}\" is not running (kinet up --name {dir.Name}); use -f FILE|DIR to answer from manifests");
        return For(dir, port);
    }
}
