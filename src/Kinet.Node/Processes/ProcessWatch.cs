// Learns when a process ends through a pidfd on the reactor: for Kinet's own children it also reaps them and reports
// the wait status (exit code, or 128+signal as shells and the kubelet report a killed process); for other processes
// (a pause found through its parent) it only tells that the process is gone.
using Kinet.Node.Native;

namespace Kinet.Node.Processes;

internal static unsafe class ProcessWatch
{
    /// <summary>Completes with the exit code (128+N when killed by signal N) once the child <paramref name="pid"/> ends;
    /// <paramref name="beforeComplete"/> runs on the reactor thread first (to drain the child's output).</summary>
    public static Task<int> WaitChildAsync(int pid, Action? beforeComplete = null)
    {
        var done = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var pidfd = (int)ProcessNative.PidfdOpen(pid);
        if (pidfd < 0) { done.SetResult(WaitBlocking(pid)); return done.Task; }
        var token = ProcessReactor.Shared.NewToken();
        ProcessReactor.Shared.Add(pidfd, ProcessNative.EPOLLIN, token, _ =>
        {
            byte* info = stackalloc byte[128];
            new Span<byte>(info, 128).Clear();
            var r = ProcessNative.waitid(ProcessNative.P_PIDFD, pidfd, info, ProcessNative.WEXITED | ProcessNative.WNOHANG);
            var pidOut = *(int*)(info + 16);
            if (r == 0 && pidOut == 0) return; // spurious wake-up: not exited yet
            ProcessReactor.Shared.Remove(pidfd, token);
            ProcessNative.close(pidfd);
            var code = *(int*)(info + 8);
            var status = *(int*)(info + 24);
            var exit = r != 0 ? 255 : code == ProcessNative.CLD_EXITED ? status : 128 + status;
            try { beforeComplete?.Invoke(); }
            finally { done.TrySetResult(exit); }
        });
        return done.Task;
    }

    /// <summary>Completes when <paramref name="pid"/> (any process) has ended; immediately when it does not exist.</summary>
    public static Task WaitGoneAsync(int pid)
    {
        var pidfd = (int)ProcessNative.PidfdOpen(pid);
        if (pidfd < 0) return Task.CompletedTask;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var token = ProcessReactor.Shared.NewToken();
        ProcessReactor.Shared.Add(pidfd, ProcessNative.EPOLLIN, token, _ =>
        {
            ProcessReactor.Shared.Remove(pidfd, token);
            ProcessNative.close(pidfd);
            done.TrySetResult();
        });
        return done.Task;
    }

    private static int WaitBlocking(int pid)
    {
        // pidfd_open is missing only on kernels older than 5.3; Kinet needs newer ones, so this is a last resort.
        byte* info = stackalloc byte[128];
        ProcessNative.waitid(1 /* P_PID */, pid, info, ProcessNative.WEXITED);
        var code = *(int*)(info + 8);
        var status = *(int*)(info + 24);
        return code == ProcessNative.CLD_EXITED ? status : 128 + status;
    }
}
