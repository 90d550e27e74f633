// Spawns a program directly inside other namespaces, without an nsenter process in between: one dedicated thread
// joins the target's network, UTS, IPC and PID namespaces with setns (allowed per thread; a PID namespace only
// applies to the thread's children), posix_spawns, and returns to the daemon's own namespaces. The child is then a
// plain child of the daemon, so its pid is the real one and its wait status is its own. (Mount namespaces cannot be
// joined by a thread of a multi-threaded process; the container's own mount namespace is made by `unshare -m`.)
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Kinet.Node.Native;

namespace Kinet.Node.Processes;

internal static class NamespaceSpawner
{
    private static readonly BlockingCollection<Action> s_work = new();
    private static readonly int s_self = (int)ProcessNative.PidfdOpen(ProcessNative.getpid());

    static NamespaceSpawner()
    {
        new Thread(() =>
        {
            // The P/Invoke stubs are made here, in the daemon's namespaces, not on first use inside a pod's.
            Marshal.PrelinkAll(typeof(Spawner));
            foreach (var work in s_work.GetConsumingEnumerable()) work();
        })
        { IsBackground = true, Name = "kinet-namespace-spawner" }.Start();
    }

    /// <summary>Spawns <paramref name="plan"/> on the spawner thread while it is in the namespaces <paramref name="nsFd"/>
    /// (a pidfd: several at once; or a namespace file) names for <paramref name="nsTypes"/>. No managed code runs while
    /// the thread is in the other namespaces: a thread created from there (a pool thread the runtime starts on demand,
    /// a tiering worker) would fail in another PID namespace or live on in the pod's network namespace.</summary>
    public static Task<int> SpawnInAsync(int nsFd, int nsTypes, Spawner.Plan plan)
    {
        var done = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        s_work.Add(() =>
        {
            var rc = plan.RunIn(nsFd, nsTypes, s_self, out var pid);
            if (rc == -2) Environment.FailFast("kinet: cannot return the spawner thread to the daemon's namespaces");
            if (rc == -1) done.SetException(new IOException($"setns failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastSystemError())}"));
            else if (rc != 0) done.SetException(plan.Failed(rc));
            else done.SetResult(pid);
        });
        return done.Task;
    }
}
