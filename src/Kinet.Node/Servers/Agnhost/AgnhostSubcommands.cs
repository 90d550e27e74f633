// agnhost's subcommands Kinet implements and their flags, as upstream declares them (test/images/agnhost), with the
// argument counts cobra enforces.
using Kinet.Node.Servers.Go;

namespace Kinet.Node.Servers.Agnhost;

internal sealed record AgnhostSubcommand(string Name, string Short, FlagSpec[] Flags, int MinArgs, int MaxArgs, bool InProcess);

internal static class AgnhostSubcommands
{
    public static readonly AgnhostSubcommand[] All =
    [
        new("connect", "Attempts a TCP, UDP or SCTP connection and returns useful errors",
        [
            new("timeout", FlagKind.Duration, "0s"), new("protocol", FlagKind.String, "tcp"),
            new("udp-data", FlagKind.String, "hostname"), new("sctp-data", FlagKind.String, "hostname"),
        ], 1, 1, InProcess: false),
        new("netexec", "Creates HTTP(S), UDP, and (optionally) SCTP servers with various endpoints",
        [
            new("http-port", FlagKind.Int, "8080"), new("udp-port", FlagKind.Int, "8081"), new("sctp-port", FlagKind.Int, "-1"),
            new("tls-cert-file", FlagKind.String, ""), new("tls-private-key-file", FlagKind.String, ""),
            new("http-override", FlagKind.String, ""), new("udp-listen-addresses", FlagKind.String, ""),
            new("delay-shutdown", FlagKind.Int, "0"),
        ], 0, 0, InProcess: true),
        new("pause", "Pauses the execution", [], 0, 0, InProcess: true),
        new("porter", "Serves requested data on ports specified in ENV variables",
            [new("json-response", FlagKind.Bool, "false")], 0, 0, InProcess: true),
        new("serve-hostname", "Serves the hostname",
        [
            new("tcp", FlagKind.Bool, "false"), new("udp", FlagKind.Bool, "false"), new("http", FlagKind.Bool, "true"),
            new("close", FlagKind.Bool, "false"), new("port", FlagKind.Int, "9376"),
        ], 0, 0, InProcess: true),
    ];

    /// <summary>Upstream subcommands Kinet does not build in, so the error can say so rather than "unknown command".</summary>
    public static readonly string[] NotBuiltIn =
    [
        "audit-proxy", "crd-conversion-webhook", "dns-server-list", "dns-suffix", "entrypoint-tester", "etc-hosts",
        "fake-gitserver", "grpc-health-checking", "guestbook", "inclusterclient", "liveness", "logs-generator", "mounttest",
        "mtlsclient", "mtlsserver", "net", "nettest", "no-snat-test", "no-snat-test-proxy", "port-forward-tester",
        "resource-consumer-controller", "test-service-account-issuer-discovery", "test-webserver", "webhook",
    ];

    public static AgnhostSubcommand? Find(string name) => All.FirstOrDefault(s => s.Name == name);
}
