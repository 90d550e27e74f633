// netexec's flags, read once.
using Kinet.Node.Servers.Go;

namespace Kinet.Node.Servers.Agnhost;

internal sealed record NetexecOptions(int HttpPort, int UdpPort, int SctpPort, string HttpOverride, string UdpListenAddresses, int DelayShutdown)
{
    public static NetexecOptions From(ParsedFlags flags) => new(
        flags.Int("http-port"), flags.Int("udp-port"), flags.Int("sctp-port"), flags.String("http-override"),
        flags.String("udp-listen-addresses"), flags.Int("delay-shutdown"));
}
