// /coredns's command line as Go's flag package reads it: -conf in every spelling, -version, and the errors that exit 2.
using Kinet.Cli.Dns;

namespace Kinet.Cli.Tests.Dns;

public class CoreDnsInvocationTests
{
    [Theory]
    [InlineData(new string[0], "Corefile", false)]
    [InlineData(new[] { "-conf", "/etc/coredns/Corefile" }, "/etc/coredns/Corefile", false)]
    [InlineData(new[] { "--conf", "/etc/coredns/Corefile" }, "/etc/coredns/Corefile", false)]
    [InlineData(new[] { "-conf=/cfg/Corefile", "-dns.port", "1053", "-quiet" }, "/cfg/Corefile", false)]
    [InlineData(new[] { "-version" }, "Corefile", true)]
    [InlineData(new[] { "-conf", "/a", "extra", "-bogus" }, "/a", false)]
    public void Flags_are_read_as_Go_reads_them(string[] args, string conf, bool version)
    {
        var (invocation, error) = CoreDnsInvocation.Parse(args);
        Assert.Null(error);
        Assert.Equal(conf, invocation!.Conf);
        Assert.Equal(version, invocation.Version);
    }

    [Theory]
    [InlineData(new[] { "-bogus" }, "flag provided but not defined: -bogus")]
    [InlineData(new[] { "-conf" }, "flag needs an argument: -conf")]
    [InlineData(new[] { "-dns.port=x" }, "invalid value \"x\" for flag -dns.port: parse error")]
    [InlineData(new[] { "---conf" }, "bad flag syntax: ---conf")]
    public void A_bad_flag_is_Go_flag_packages_error(string[] args, string error)
    {
        var (invocation, message) = CoreDnsInvocation.Parse(args);
        Assert.Null(invocation);
        Assert.Equal(error, message);
    }
}
