// A process started in a running container (`kubectl exec`, exec probes): a StreamSession whose exit code is the
// exec'd program's, 126/127 with runc's message when the program cannot be run.
namespace Kinet.Node.Processes;

public sealed class ExecSession : StreamSession
{
    internal ExecSession(Stream? stdin, Stream stdout, Stream? stderr, Task<int> exitCode, Action<ushort, ushort>? resize, Action? closeStdin, Func<ValueTask>? dispose)
        : base(stdin, stdout, stderr, exitCode, resize, closeStdin, dispose) { }
}
