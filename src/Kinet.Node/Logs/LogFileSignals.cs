// Wakes `logs -f` followers as soon as the writer appends to a log file in this process, instead of polling the file
// on a timer alone (followers still re-check every quarter second, for files written by another process).
using System.Collections.Concurrent;

namespace Kinet.Node.Logs;

internal static class LogFileSignals
{
    private static readonly ConcurrentDictionary<string, TaskCompletionSource> s_waiters = new();

    /// <summary>A task that completes at the next append to <paramref name="path"/>.</summary>
    public static Task NextAppend(string path) =>
        s_waiters.GetOrAdd(path, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public static void Notify(string path)
    {
        if (s_waiters.TryRemove(path, out var tcs)) tcs.TrySetResult();
    }
}
