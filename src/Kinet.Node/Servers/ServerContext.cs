// The ordinary IServerContext: plain sockets and the system resolver unless told otherwise. The daemon sets the socket
// factories (pod network namespace), the resolver (cluster DNS), the log sink and the exit callback.
using System.Net;
using System.Net.Sockets;

namespace Kinet.Node.Servers;

public sealed record ServerContext : IServerContext
{
    public static Socket PlainSocket(AddressFamily family, SocketType type, ProtocolType protocol) => new(family, type, protocol);

    public string PodName { get; init; } = "";
    public string Namespace { get; init; } = "";
    public string PodIP { get; init; } = "";
    public string NodeName { get; init; } = "";
    public string Hostname { get; init; } = "";
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
    public IPAddress ListenAddress { get; init; } = IPAddress.Any;
    public Func<AddressFamily, SocketType, ProtocolType, Socket> ListenSocketFactory { get; init; } = PlainSocket;
    public Func<AddressFamily, SocketType, ProtocolType, Socket> DialSocketFactory { get; init; } = PlainSocket;
    public Func<string, CancellationToken, Task<IPAddress[]>> Resolver { get; init; } = (host, ct) => Dns.GetHostAddressesAsync(host, ct);
    public Func<string, CancellationToken, Task<ShellResult>>? Shell { get; init; }
    public TimeProvider Time { get; init; } = TimeProvider.System;
    public Action<ContainerStream, string> LogSink { get; init; } = (_, _) => { };
    public Action<int> OnExit { get; init; } = _ => { };

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) =>
        IPAddress.TryParse(host, out var literal) ? Task.FromResult(new[] { literal }) : Resolver(host, ct);

    public void Log(ContainerStream stream, string line) => LogSink(stream, line);
    public void RequestExit(int code) => OnExit(code);
}
