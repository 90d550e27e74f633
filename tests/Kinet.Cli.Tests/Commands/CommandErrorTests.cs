namespace Kinet.Cli.Tests.Commands;

public class CommandErrorTests
{
    [Theory]
    [InlineData("up", "--name", "Bad_Name")]
    [InlineData("down", "--name", "-x")]
    [InlineData("status", "--name", "abcdefghij0123456789x")]
    [InlineData("kubeconfig", "--name", "a.b")]
    [InlineData("up", "--config", "/nonexistent/kind.yaml")]
    [InlineData("frobnicate")]
    [InlineData("up", "--nmae", "x")]
    public async Task Bad_input_prints_one_error_line_and_exits_non_zero(params string[] args)
    {
        using var cli = new CliRun();
        var (code, _, stderr) = await cli.RunAsync(args);
        Assert.Equal(1, code);
        var line = Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("ERROR: ", line);
        Assert.DoesNotContain("   at ", stderr);
        Assert.False(Directory.Exists(Path.Combine(cli.KinetHome, "clusters")), "bad input must change nothing");
    }

    [Fact]
    public async Task A_config_that_is_not_a_kind_cluster_creates_nothing()
    {
        using var cli = new CliRun();
        using var temp = new TempDirectory();
        var config = temp.Combine("pod.yaml");
        File.WriteAllText(config, "apiVersion: v1\nkind: Pod\n");

        var (code, _, stderr) = await cli.RunAsync("up", "--name", "c1", "--config", config);

        Assert.Equal(1, code);
        Assert.Contains("kind is \"Pod\", expected Cluster", stderr);
        Assert.False(cli.Cluster("c1").Exists);
        Assert.False(File.Exists(cli.Kubeconfig));
    }

    [Fact]
    public async Task Version_prints_one_line()
    {
        using var cli = new CliRun();
        var (code, stdout, _) = await cli.RunAsync("version");
        Assert.Equal(0, code);
        Assert.Matches(@"^kinet v\d+\.\d+\.\d+\S* dotnet\S+ linux/\S+\n$", stdout);
    }

    [Fact]
    public async Task The_daemon_command_is_hidden_from_help()
    {
        using var cli = new CliRun();
        var (code, stdout, _) = await cli.RunAsync("--help");
        Assert.Equal(0, code);
        Assert.Contains("kubeconfig", stdout);
        Assert.DoesNotContain("daemon", stdout);
    }
}
