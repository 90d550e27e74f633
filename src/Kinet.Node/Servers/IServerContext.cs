// Everything a built-in server knows about the container it stands in for, and the doors it uses to the outside:
// sockets come from factories (the daemon creates them inside the pod's network namespace; tests and `kinet agnhost`
// use plain sockets), output goes to the container's log, and exit is requested rather than taken.
using System.Net;
using System.Net.Sockets;

namespace Kinet.Node.Servers;

public interface IServerContext
{
    string PodName { get; }
    string Namespace { get; }
    string PodIP { get; }
    string NodeName { get; }
    /// <summary>What os.Hostname() returns inside the container (the pod name, or spec.hostname).</summary>
    string Hostname { get; }
    /// <summary>The container's environment (porter reads SERVE_PORT_* from it).</summary>
    IReadOnlyDictionary<string, string> Environment { get; }
    /// <summary>Where listeners bind: any address in a pod, loopback in tests.</summary>
    IPAddress ListenAddress { get; }
    Func<AddressFamily, SocketType, ProtocolType, Socket> ListenSocketFactory { get; }
    Func<AddressFamily, SocketType, ProtocolType, Socket> DialSocketFactory { get; }
    /// <summary>Resolves a host name as the container would (the pod's DNS); literal addresses need no resolver.</summary>
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct);
    /// <summary>Runs `/bin/sh -c command` in the container (netexec /shell), or null when the container cannot.</summary>
    Func<string, CancellationToken, Task<ShellResult>>? Shell { get; }
    TimeProvider Time { get; }
    /// <summary>One line the program printed (no newline), on the stream the real program prints it to.</summary>
    void Log(ContainerStream stream, string line);
    /// <summary>The program exits with <paramref name="code"/> (os.Exit); the server has already closed its sockets.</summary>
    void RequestExit(int code);
}

/// <summary>What a shell command printed (stdout and stderr together) and how it exited.</summary>
public sealed record ShellResult(string Output, int ExitCode);
