// Which container command lines the daemon serves in-process, and agnhost's (cobra/pflag) argument handling.
using Kinet.Node.Servers.Agnhost;
using Kinet.Node.Servers.Go;

namespace Kinet.Node.Tests.Servers;

public sealed class AgnhostParseTests
{
    [Theory]
    [InlineData("netexec", true)]
    [InlineData("/agnhost netexec --http-port=8080 --udp-port=-1", true)]
    [InlineData("agnhost netexec --http-port 8083 --v=2", true)]
    [InlineData("/usr/local/bin/agnhost serve-hostname --tcp --http=false", true)]
    [InlineData("porter --json-response", true)]
    [InlineData("pause", true)]
    [InlineData("connect 10.0.0.1:80 --timeout=1s", false)] // a short-lived process: `kinet agnhost connect`
    [InlineData("liveness", false)]
    [InlineData("netexec --bogus", false)]
    [InlineData("netexec extra-arg", false)]
    [InlineData("netexec --http-port=eighty", false)]
    [InlineData("netexec --tls-cert-file=/localhost.crt", false)]
    [InlineData("netexec --help", false)]
    [InlineData("/bin/sh -c sleep", false)]
    [InlineData("", false)]
    public void TryParse_accepts_only_long_running_subcommands_with_valid_flags(string argv, bool inProcess)
    {
        var args = argv.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(inProcess, AgnhostServer.TryParse(args, out var invocation));
        Assert.Equal(inProcess, invocation is not null);
    }

    [Theory]
    [InlineData("--bogus", "unknown flag: --bogus")]
    [InlineData("-x", "unknown shorthand flag: 'x' in -x")]
    [InlineData("--http-port", "flag needs an argument: --http-port")]
    [InlineData("--http-port=abc", "invalid argument \"abc\" for \"--http-port\" flag: strconv.ParseInt: parsing \"abc\": invalid syntax")]
    [InlineData("--timeout=fast", "invalid argument \"fast\" for \"--timeout\" flag: time: invalid duration \"fast\"")]
    public void Flag_errors_read_as_pflag_writes_them(string arg, string error)
    {
        FlagSpec[] specs = [new("http-port", FlagKind.Int, "8080"), new("timeout", FlagKind.Duration, "0s")];
        Assert.Null(PFlags.Parse([arg], specs, out var message));
        Assert.Equal(error, message);
    }

    [Fact]
    public void Flags_take_every_pflag_form_and_leave_positional_arguments_in_order()
    {
        FlagSpec[] specs = [new("port", FlagKind.Int, "1"), new("tcp", FlagKind.Bool, "false"), new("http", FlagKind.Bool, "true"), new("name", FlagKind.String, "")];
        var flags = PFlags.Parse(["a", "--port", "0x10", "--tcp", "b", "--http=false", "-v", "4", "--name=x=y", "--", "--tcp"], specs, out var error);
        Assert.Null(error);
        Assert.Equal((16, true, false, "x=y"), (flags!.Int("port"), flags.Bool("tcp"), flags.Bool("http"), flags.String("name")));
        Assert.Equal(["a", "b", "--tcp"], flags.Positional);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("1s", 1000)]
    [InlineData("1.5s", 1500)]
    [InlineData("250ms", 250)]
    [InlineData("1m30s", 90_000)]
    [InlineData("2h", 7_200_000)]
    public void Durations_parse_as_Gos(string text, int milliseconds)
    {
        Assert.True(GoDuration.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(1000, "1s")]
    [InlineData(1500, "1.5s")]
    [InlineData(250, "250ms")]
    [InlineData(90_000, "1m30s")]
    [InlineData(3_600_000, "1h0m0s")]
    public void Durations_print_as_Gos(int milliseconds, string text) =>
        Assert.Equal(text, GoDuration.Format(TimeSpan.FromMilliseconds(milliseconds)));

    [Theory]
    [InlineData("", "1s1")]
    [InlineData("s")]
    [InlineData("5")]
    [InlineData("1d")]
    public void Durations_without_a_known_unit_are_invalid(params string[] texts)
    {
        foreach (var text in texts) Assert.False(GoDuration.TryParse(text, out _), text);
    }
}
