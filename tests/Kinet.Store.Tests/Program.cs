// Entry point of the test assembly when run as a program (`dotnet Kinet.Store.Tests.dll crash-writer <db>`): the child
// process of the crash test. Under the test runner this Main is not used.
using Kinet.Store.Sqlite;

namespace Kinet.Store.Tests;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is not ["crash-writer", var path]) return 2;
        await CrashWriter.RunAsync(path);
        return 0;
    }
}

/// <summary>Writes from several tasks until killed, printing "key revision" for every acknowledged write.</summary>
internal static class CrashWriter
{
    public const int Writers = 8;

    public static async Task RunAsync(string path)
    {
        var store = await SqliteObjectStore.OpenAsync(path);
        var output = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
        var gate = new SemaphoreSlim(1);
        Console.Out.Flush();
        await output.WriteLineAsync("ready");
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; ; i++)
            {
                var name = $"w{w}-{i}";
                var stored = await store.CommitAsync(TestObjects.Create("default", name, data: name));
                await gate.WaitAsync();
                try { await output.WriteLineAsync($"{name} {stored.Revision}"); }
                finally { gate.Release(); }
            }
        })));
    }
}
