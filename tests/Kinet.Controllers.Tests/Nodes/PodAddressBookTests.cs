// The pod address book: one address per live pod, never one address for two pods, even with many allocating and
// releasing at once; addresses restored after a restart stay with their pods.
using System.Collections.Concurrent;
using Kinet.Controllers.Nodes;
using Kinet.Model.Networking;

namespace Kinet.Controllers.Tests.Nodes;

public class PodAddressBookTests
{
    [Fact]
    public async Task Concurrent_allocations_and_releases_never_hand_one_address_to_two_pods()
    {
        var book = new PodAddressBook();
        book.SetNode("a", Cidr.Parse("10.244.1.0/26")); // 61 usable addresses: tasks contend for them
        book.SetNode("b", Cidr.Parse("10.244.2.0/26"));
        var holders = new ConcurrentDictionary<IP, string>();
        var violations = new ConcurrentQueue<string>();
        var granted = 0;

        await Task.WhenAll(Enumerable.Range(0, 16).Select(worker => Task.Run(() =>
        {
            var random = new Random(worker);
            var held = new List<string>();
            for (var step = 0; step < 3000; step++)
            {
                if (held.Count > 0 && random.Next(3) == 0)
                {
                    var uid = held[random.Next(held.Count)];
                    held.Remove(uid);
                    var ip = book.AddressOf(uid)!.Value;
                    if (!holders.TryRemove(new KeyValuePair<IP, string>(ip, uid))) violations.Enqueue($"{uid} lost {ip}");
                    book.Release(uid);
                    continue;
                }
                var pod = $"w{worker}-{step}";
                var node = random.Next(2) == 0 ? "a" : "b";
                var result = book.Allocate(node, pod);
                if (!result.Succeeded) continue;
                Interlocked.Increment(ref granted);
                if (!holders.TryAdd(result.Value, pod)) violations.Enqueue($"{result.Value} given to {pod} while {holders.GetValueOrDefault(result.Value)} holds it");
                if (book.Allocate(node, pod).Value != result.Value) violations.Enqueue($"{pod} asked again and got another address");
                held.Add(pod);
            }
            foreach (var uid in held)
            {
                holders.TryRemove(book.AddressOf(uid)!.Value, out _);
                book.Release(uid);
            }
        })));

        Assert.Empty(violations);
        Assert.True(granted > 1000, $"only {granted} allocations succeeded: the test did not exercise the book");
        Assert.Equal(0, book.Used("a"));
        Assert.Equal(0, book.Used("b"));
    }

    [Fact]
    public void A_pod_asking_again_keeps_its_address_and_a_full_node_says_so_as_host_local()
    {
        var book = new PodAddressBook();
        book.SetNode("n", Cidr.Parse("10.244.1.0/29")); // .2 - .6
        var first = book.Allocate("n", "uid-1");
        Assert.Equal(IP.Parse("10.244.1.2"), first.Value);
        Assert.Equal(first.Value, book.Allocate("n", "uid-1").Value);
        for (var i = 2; i <= 5; i++) Assert.True(book.Allocate("n", $"uid-{i}").Succeeded);

        var full = book.Allocate("n", "uid-6");

        Assert.False(full.Succeeded);
        Assert.Equal("no IP addresses available in range set: 10.244.1.1-10.244.1.6", full.Error);
        Assert.True(book.Release("uid-3"));
        Assert.False(book.Release("uid-3"));
        Assert.Equal(IP.Parse("10.244.1.4"), book.Allocate("n", "uid-6").Value);
    }

    [Fact]
    public void Restored_addresses_stay_with_their_pods_and_are_not_handed_out_again()
    {
        var book = new PodAddressBook();
        book.SetNode("n", Cidr.Parse("10.244.1.0/24"));

        Assert.True(book.Restore("n", "old-1", IP.Parse("10.244.1.2")));
        Assert.True(book.Restore("n", "old-2", IP.Parse("10.244.1.3")));
        Assert.False(book.Restore("n", "intruder", IP.Parse("10.244.1.2")));  // already held
        Assert.False(book.Restore("n", "elsewhere", IP.Parse("10.244.7.9"))); // not this node's CIDR

        Assert.Equal(IP.Parse("10.244.1.4"), book.Allocate("n", "new").Value);
        Assert.Equal(IP.Parse("10.244.1.2"), book.AddressOf("old-1"));
    }
}
