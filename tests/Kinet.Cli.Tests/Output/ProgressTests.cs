using Kinet.Cli.Output;

namespace Kinet.Cli.Tests.Output;

public class ProgressTests
{
    [Fact]
    public async Task Without_a_terminal_each_step_is_plain_lines()
    {
        var output = new StringWriter();
        var value = await new Progress(output, interactive: false).StepAsync("Starting API server", () => Task.FromResult(6443));
        Assert.Equal(6443, value);
        Assert.Equal(" • Starting API server ...\n ✓ Starting API server\n", output.ToString());
    }

    [Fact]
    public async Task On_a_terminal_the_step_line_is_redrawn_in_place()
    {
        var output = new StringWriter();
        await new Progress(output, interactive: true).StepAsync("Writing kubeconfig", () => { });
        Assert.Equal(" • Writing kubeconfig ...\r\x1b[2K ✓ Writing kubeconfig\n", output.ToString());
    }

    [Fact]
    public async Task A_failing_step_is_marked_and_its_error_passes_through()
    {
        var output = new StringWriter();
        var progress = new Progress(output, interactive: false);
        await Assert.ThrowsAsync<CliException>(() => progress.StepAsync("Starting API server", () => throw new CliException("no port")));
        Assert.EndsWith(" ✗ Starting API server\n", output.ToString());
    }
}
