// The fallback start chain (unshare -m, sh, mount -a, unshare -R) used where kinet-init is not available gives the
// container the same view: its files, a read-only volume, the pod's processes, a tty session. Not parallel with the
// other tests because it flips a process-wide switch.
using Kinet.Node.Processes;

namespace Kinet.Node.Tests.Processes;

[Collection(nameof(ShellChainTests))]
[CollectionDefinition(nameof(ShellChainTests), DisableParallelization = true)]
public sealed class ShellChainTests
{
    [Fact]
    public async Task The_shell_chain_sets_up_the_same_container()
    {
        await using var h = await PodHarness.StartAsync();
        var volume = Path.Combine(h.LogDir, "vol");
        Directory.CreateDirectory(volume);
        File.WriteAllText(Path.Combine(volume, "v.txt"), "from volume\n");
        var spec = h.Spec("app", "sh", "-c", "cat /etc/k.txt /data/v.txt; touch /data/x 2>/dev/null || echo ro; pwd; ps -eo pid= | wc -l; tty") with
        {
            Files = [new("/etc/k.txt", "from file\n"u8.ToArray(), null, 0x1a4)],
            Mounts = [new(volume, "/data", true)],
            WorkingDir = "/data",
            Tty = true,
        };
        Container.UseShellChain = true;
        Container c;
        try { c = await Container.StartAsync(await h.SandboxAsync("p1", null), spec, CancellationToken.None); }
        finally { Container.UseShellChain = false; }
        var lines = (await ProcessText.LogsAsync(c)).Replace("\r", "").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["from file", "from volume", "ro", "/data"], lines[..4]);
        Assert.Equal("4", lines[4].Trim()); // pause, sh, ps, wc
        Assert.Matches("^/dev/pts/[0-9]+$", lines[5]);
    }
}
