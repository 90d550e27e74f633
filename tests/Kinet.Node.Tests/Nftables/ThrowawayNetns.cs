// A network namespace of its own for one test (unique name, loopback up), removed on dispose.
using System.Diagnostics;

namespace Kinet.Node.Tests.Nftables;

internal sealed class ThrowawayNetns : IDisposable
{
    private ThrowawayNetns(string name) => Name = name;

    public string Name { get; }

    public string Path => "/run/netns/" + Name;

    public static ThrowawayNetns Create()
    {
        RootOnly.Require();
        var ns = new ThrowawayNetns($"kinet-nfttest-{Guid.NewGuid().ToString("N")[..8]}");
        Ip($"netns add {ns.Name}");
        try { Ip($"-n {ns.Name} link set lo up"); }
        catch { ns.Dispose(); throw; }
        return ns;
    }

    public void Dispose() => Ip($"netns del {Name}");

    private static void Ip(string args)
    {
        using var p = Process.Start(new ProcessStartInfo("ip", args) { RedirectStandardError = true, UseShellExecute = false })!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"ip {args}: {err}");
    }
}
