// kubectl exec -it in a real terminal (a tmux pane): the terminal size reaches the node first and again after a resize,
// keystrokes reach the process, its output reaches the terminal, and the exit status comes back.
using Kinet.Api.Tests.Support;

namespace Kinet.Api.Tests.Streams;

public abstract class TtyTestsBase<TFixture>(TFixture f) where TFixture : StreamsFixture
{
    [Fact]
    public async Task Exec_with_a_terminal_follows_its_size_and_passes_keystrokes_and_output()
    {
        var socket = "kinet-t" + Convert.ToHexString(Guid.NewGuid().ToByteArray()[..3]).ToLowerInvariant();
        string[] tmux = ["-L", socket];
        while (f.Node.Resizes.TryDequeue(out _)) { }
        var kubectl = string.Join(' ', f.KubectlArgs("exec", "-it", "p1", "--", "sh", "-c", "'echo ready; x=$(head -c 5); echo got-$x; exit 4'")
            .Select(a => a.StartsWith('\'') ? a : $"'{a}'"));
        try
        {
            var r = await Command.RunAsync("tmux", [.. tmux, "-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", "100", "-y", "30",
                $"kubectl {kubectl}; echo KUBECTL-EXIT=$?; sleep 600"]);
            Assert.True(r.ExitCode == 0, r.ToString());
            await PaneShowsAsync(tmux, "ready");
            await Until(() => f.Node.Resizes.Contains(((ushort)100, (ushort)30)), "the first size");

            r = await Command.RunAsync("tmux", [.. tmux, "resize-window", "-t", "t", "-x", "120", "-y", "40"]);
            Assert.True(r.ExitCode == 0, r.ToString());
            await Until(() => f.Node.Resizes.Contains(((ushort)120, (ushort)40)), "the new size");

            await Command.RunAsync("tmux", [.. tmux, "send-keys", "-t", "t", "-l", "hello"]);
            var pane = await PaneShowsAsync(tmux, "KUBECTL-EXIT=");
            Assert.Contains("got-hello", pane);
            Assert.Contains("KUBECTL-EXIT=4", pane);
            Assert.Equal(true, f.Node.LastExec?.Tty);
        }
        finally
        {
            await Command.RunAsync("tmux", [.. tmux, "kill-server"]);
        }
    }

    private static async Task<string> PaneShowsAsync(string[] tmux, string text)
    {
        var pane = "";
        await Until(async () =>
        {
            pane = (await Command.RunAsync("tmux", [.. tmux, "capture-pane", "-p", "-t", "t"])).Stdout;
            return pane.Contains(text, StringComparison.Ordinal);
        }, $"\"{text}\" in the pane");
        return pane;
    }

    internal static Task Until(Func<bool> condition, string what) => Until(() => Task.FromResult(condition()), what);

    // Polls for something a terminal shows; the cap only stops a hung test, it measures nothing.
    internal static async Task Until(Func<Task<bool>> condition, string what)
    {
        for (var i = 0; i < 600; i++)
        {
            if (await condition()) return;
            await Task.Delay(50);
        }
        throw new TimeoutException($"never saw {what}");
    }
}

public class TtyTests(StreamsFixture f) : TtyTestsBase<StreamsFixture>(f), IClassFixture<StreamsFixture>;

/// <summary>The same over SPDY/3.1, where the size travels on its own `resize` stream.</summary>
public class SpdyTtyTests(SpdyOnlyStreamsFixture f) : TtyTestsBase<SpdyOnlyStreamsFixture>(f), IClassFixture<SpdyOnlyStreamsFixture>;
