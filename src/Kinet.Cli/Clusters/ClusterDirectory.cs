// The on-disk layout of one cluster's state: ${KINET_HOME}/clusters/<name>/. Every file a cluster owns is named here.
namespace Kinet.Cli.Clusters;

internal sealed record ClusterDirectory(string Name, string Root)
{
    public static ClusterDirectory For(string kinetHome, string name) => new(name, Path.Combine(kinetHome, "clusters", name));

    public string CaCertificate => Path.Combine(Root, "ca.crt");
    public string CaKey => Path.Combine(Root, "ca.key");
    public string ServingCertificate => Path.Combine(Root, "apiserver.crt");
    public string ServingKey => Path.Combine(Root, "apiserver.key");
    public string Token => Path.Combine(Root, "token");
    public string Store => Path.Combine(Root, "store.db");
    public string Pid => Path.Combine(Root, "daemon.pid");
    public string Port => Path.Combine(Root, "port");
    public string Log => Path.Combine(Root, "daemon.log");
    /// <summary>Held (flock) by the running daemon, so there is never a second one.</summary>
    public string Lock => Path.Combine(Root, "daemon.lock");
    public string Config => Path.Combine(Root, "cluster.yaml");
    /// <summary>Which data plane runs the pods ("kernel" or "simulated"), chosen at creation and kept across restarts.</summary>
    public string DataPlaneFile => Path.Combine(Root, "data-plane");

    /// <summary>The recorded data plane; clusters created before the choice existed were simulated.</summary>
    public DataPlane ReadDataPlane()
    {
        try { return DataPlanes.Parse(File.ReadAllText(DataPlaneFile).Trim()) ?? DataPlane.Simulated; }
        catch (IOException) { return DataPlane.Simulated; }
    }

    public bool Exists => Directory.Exists(Root);

    /// <summary>True when the credentials needed to serve are all present (a usable, possibly stopped, cluster).</summary>
    public bool HasCredentials =>
        new[] { CaCertificate, CaKey, ServingCertificate, ServingKey, Token }.All(File.Exists);

    public int? ReadPort() => ReadInt(Port);
    public int? ReadPid() => ReadInt(Pid);
    public string ReadToken() => File.ReadAllText(Token).Trim();

    private static int? ReadInt(string path)
    {
        try { return int.TryParse(File.ReadAllText(path).Trim(), out var v) ? v : null; }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
