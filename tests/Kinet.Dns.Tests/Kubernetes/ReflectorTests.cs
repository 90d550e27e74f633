// The reflector with scripted list and watch calls: events update the dictionary, a watch error (410 Gone) re-lists,
// a watch that just ends resumes from the last resource version without re-listing.
using System.Runtime.CompilerServices;
using k8s;
using k8s.Models;
using Kinet.Dns.Kubernetes;

namespace Kinet.Dns.Tests.Kubernetes;

public class ReflectorTests
{
    private static V1Service Svc(string name, string rv) => new() { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "ns", ResourceVersion = rv } };

    private static V1ServiceList List(string rv, params V1Service[] items) => new() { Metadata = new V1ListMeta { ResourceVersion = rv }, Items = items };

    [Fact]
    public async Task A_watch_error_relists_and_the_list_replaces_what_was_known()
    {
        var lists = new Queue<V1ServiceList>([List("10", Svc("a", "9")), List("20", Svc("b", "19"))]);
        var watchedFrom = new List<string>();
        using var done = new CancellationTokenSource();
        var listed = 0;
        var seenAtSecondWatch = new List<string>();
        Reflector<V1Service, V1ServiceList>? reflector = null;
        reflector = new Reflector<V1Service, V1ServiceList>("*v1.Service",
            _ =>
            {
                listed++;
                if (lists.Count == 0) done.Cancel();
                return Task.FromResult(lists.Count > 0 ? lists.Dequeue() : List("30"));
            },
            (rv, onError, ct) =>
            {
                if (rv == "20") seenAtSecondWatch.AddRange(reflector!.Items.Select(i => i.Metadata.Name));
                return Watch(rv, onError, watchedFrom, ct);
            },
            () => { }, _ => { }) { Backoff = TimeSpan.Zero };

        await reflector.RunAsync(done.Token);

        // First list (a), watch from 10 adds c then fails with 410; second list (b) replaces everything.
        Assert.Equal(["10", "20"], watchedFrom.Take(2));
        Assert.Equal(["b"], seenAtSecondWatch);
        Assert.True(listed >= 3);
    }

    private static async IAsyncEnumerable<(WatchEventType, V1Service)> Watch(string rv, Action<Exception> onError, List<string> watchedFrom,
        [EnumeratorCancellation] CancellationToken ct)
    {
        watchedFrom.Add(rv);
        await Task.Yield();
        yield return (WatchEventType.Added, Svc("c", "11"));
        onError(new KubernetesException(new V1Status { Code = 410, Reason = "Expired", Message = "too old resource version" }));
        ct.ThrowIfCancellationRequested();
    }

    [Fact]
    public async Task Events_update_the_objects_and_a_watch_that_ends_resumes_from_the_last_version()
    {
        var watchedFrom = new List<string>();
        using var done = new CancellationTokenSource();
        var changes = 0;
        var reflector = new Reflector<V1Service, V1ServiceList>("*v1.Service",
            _ => Task.FromResult(List("10", Svc("a", "9"), Svc("b", "9"))),
            (rv, _, ct) => Script(rv, watchedFrom, done),
            () => changes++, _ => { }) { Backoff = TimeSpan.Zero };

        await reflector.RunAsync(done.Token);

        Assert.Equal(["10", "12"], watchedFrom);
        Assert.Equal(["a", "c"], reflector.Items.Select(s => s.Metadata.Name).Order());
        Assert.Equal(3, changes); // the list and two events; the bookmark is not a change
    }

    private static async IAsyncEnumerable<(WatchEventType, V1Service)> Script(string rv, List<string> watchedFrom, CancellationTokenSource done)
    {
        watchedFrom.Add(rv);
        await Task.Yield();
        if (rv == "10")
        {
            yield return (WatchEventType.Added, Svc("c", "11"));
            yield return (WatchEventType.Deleted, Svc("b", "12"));
        }
        else
        {
            yield return (WatchEventType.Bookmark, Svc("", "13"));
            done.Cancel();
        }
    }
}
