// agnhost pause: prints "Paused" and waits; SIGINT exits 1 and SIGTERM exits 2, as upstream's handler does.
using System.Runtime.InteropServices;

namespace Kinet.Node.Servers.Agnhost;

internal sealed class PauseServer(IServerContext context) : BuiltinServer(context)
{
    protected override Task StartCoreAsync(CancellationToken ct)
    {
        Print("Paused");
        return Task.CompletedTask;
    }

    public override void Signal(PosixSignal signal)
    {
        switch (signal)
        {
            case PosixSignal.SIGINT: Exit(1); break;
            case PosixSignal.SIGTERM: Exit(2); break;
            default: base.Signal(signal); break;
        }
    }
}
