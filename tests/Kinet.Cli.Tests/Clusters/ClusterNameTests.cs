using Kinet.Cli.Clusters;

namespace Kinet.Cli.Tests.Clusters;

public class ClusterNameTests
{
    [Theory]
    [InlineData("kinet")]
    [InlineData("a")]
    [InlineData("kt-0123abcd")]
    [InlineData("abcdefghij0123456789")] // exactly 20
    public void Dns_labels_of_up_to_20_characters_are_accepted(string name) => Assert.Null(ClusterName.Problem(name));

    [Theory]
    [InlineData("", "must not be empty")]
    [InlineData("abcdefghij0123456789x", "too long: at most 20 characters")]
    [InlineData("Kinet", "lower case alphanumeric")]
    [InlineData("-kinet", "start and end with an alphanumeric")]
    [InlineData("kinet-", "start and end with an alphanumeric")]
    [InlineData("ki_net", "lower case alphanumeric")]
    [InlineData("ki.net", "lower case alphanumeric")]
    public void Other_names_are_rejected_with_a_reason(string name, string reason) =>
        Assert.Contains(reason, ClusterName.Problem(name));

    [Fact]
    public void The_kubeconfig_names_carry_a_kinet_prefix() => Assert.Equal("kinet-dev", ClusterName.ContextName("dev"));
}
