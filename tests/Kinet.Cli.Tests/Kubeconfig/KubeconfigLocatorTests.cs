using Kinet.Cli.Kubeconfig;

namespace Kinet.Cli.Tests.Kubeconfig;

public class KubeconfigLocatorTests
{
    [Theory]
    [InlineData(null, "/home/u/.kube/config")]
    [InlineData("", "/home/u/.kube/config")]
    [InlineData("/tmp/a", "/tmp/a")]
    [InlineData("/tmp/a:/tmp/b", "/tmp/a")]
    [InlineData(":/tmp/b", "/tmp/b")]
    public void The_first_kubeconfig_path_wins_else_the_home_default(string? variable, string expected) =>
        Assert.Equal(expected, KubeconfigLocator.Resolve(variable, "/home/u"));
}
