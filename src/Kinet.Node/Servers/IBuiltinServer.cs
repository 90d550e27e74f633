// A program the daemon runs in-process for a container: it binds its sockets through the context, serves with async
// I/O, reacts to signals as the real program does and reports when it exits. Disposing it is SIGKILL: every socket
// closes at once.
using System.Runtime.InteropServices;

namespace Kinet.Node.Servers;

public interface IBuiltinServer : IAsyncDisposable
{
    /// <summary>
    /// Binds every socket and starts serving. A failure the real program dies of (a port in use) does not throw: it is
    /// logged as the program logs it and <see cref="Exited"/> completes with the program's exit code.
    /// </summary>
    Task StartAsync(CancellationToken ct);

    /// <summary>Delivers a signal as the real program sees it (SIGTERM on graceful deletion, SIGINT on Ctrl-C).</summary>
    void Signal(PosixSignal signal);

    /// <summary>Completes with the exit code once the program exits on its own (/exit, a signal, a fatal error), or
    /// with 137 once it is disposed (killed).</summary>
    Task<int> Exited { get; }
}
