// Runs a short piece of work inside a network namespace on a dedicated, short-lived thread: setns(CLONE_NEWNET) into the
// namespace, run, setns back. Sockets and /proc/sys/net files opened there stay bound to that namespace after the
// thread is gone. A thread-pool thread never changes namespace, so nothing else in the process is ever affected.
using Kinet.Node.Native;

namespace Kinet.Node.Network;

internal static class NetnsThread
{
    public static Task<T> RunAsync<T>(string netnsPath, Func<T> work) => Start(netnsPath, work);

    public static Task RunAsync(string netnsPath, Action work) =>
        Start(netnsPath, () => { work(); return true; });

    /// <summary>Runs <paramref name="work"/> on a dedicated thread that may setns/unshare freely (it is returned to the
    /// daemon's namespace at the end, and ends).</summary>
    public static Task RunRoamingAsync(Action work) =>
        Start<bool>(HomeMarker, () => { work(); return true; });

    // Passed as the namespace to "enter" when the work itself moves between namespaces.
    private const string HomeMarker = "/proc/thread-self/ns/net";

    private static Task<T> Start<T>(string netnsPath, Func<T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() => RunInside(netnsPath, work, done)) { IsBackground = true, Name = "kinet-netns" };
        thread.Start();
        return done.Task;
    }

    private static void RunInside<T>(string netnsPath, Func<T> work, TaskCompletionSource<T> done)
    {
        var home = -1;
        var target = -1;
        try
        {
            home = NetnsNative.OpenNamespace("/proc/thread-self/ns/net");
            target = NetnsNative.OpenNamespace(netnsPath);
            NetnsNative.EnterNet(target, netnsPath);
            try
            {
                done.TrySetResult(work());
            }
            finally
            {
                // The thread ends right after, but it goes home anyway so no runtime code ever runs in the wrong netns.
                NetnsNative.EnterNet(home, "the daemon's own network namespace");
            }
        }
        catch (Exception e)
        {
            done.TrySetException(e);
        }
        finally
        {
            if (target >= 0) NetnsNative.Close(target);
            if (home >= 0) NetnsNative.Close(home);
        }
    }
}
