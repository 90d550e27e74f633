// Properties every range allocator must keep, checked over each kind: under concurrent allocate/release no value is
// ever held twice and none is lost; a random operation sequence agrees with a plain set model; a snapshot restores
// the same state. Ranges are small on purpose so allocators run full and wrap.
using System.Collections.Concurrent;
using Kinet.Model.Allocation;
using Kinet.Model.Networking;

namespace Kinet.Model.Tests.Allocation;

public class AllocatorProperties
{
    public static TheoryData<string> Kinds => ["service", "nodeport", "pod", "loadbalancer"];

    /// <summary>Each kind as a factory of allocators over the same range, plus a way to name any value of that range.</summary>
    private static (Func<IAllocator> New, Func<Random, object> AnyValue) Kind(string kind) => kind switch
    {
        "service" => (() => new Boxed<IP>(new ServiceIPAllocator(Cidr.Parse("10.96.0.0/26"))),
            r => IP.Parse("10.96.0.0") + r.Next(0, 70)),
        "nodeport" => (() => new Boxed<int>(new NodePortAllocator(PortRange.Parse("30000-30063"))), r => r.Next(29990, 30070)),
        "pod" => (() => new Boxed<IP>(new PodIPAllocator(Cidr.Parse("10.244.1.0/26"))), r => IP.Parse("10.244.1.0") + r.Next(0, 70)),
        "loadbalancer" => (() => new Boxed<IP>(new LoadBalancerIPAllocator(IPRange.Parse("172.18.255.200-172.18.255.250"))),
            r => IP.Parse("172.18.255.195") + r.Next(0, 60)),
        _ => throw new ArgumentException(kind),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Concurrent_allocation_never_hands_a_value_out_twice_and_never_loses_one(string kind)
    {
        var (create, anyValue) = Kind(kind);
        var allocator = create();
        var holders = new ConcurrentDictionary<object, int>();
        var workers = Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            var random = new Random(worker);
            var mine = new List<object>();
            for (var step = 0; step < 4000; step++)
            {
                var op = random.Next(10);
                if (op < 4 || (op < 8 && mine.Count == 0))
                {
                    var got = op % 2 == 0 ? allocator.Allocate() : allocator.Allocate(anyValue(random));
                    if (!got.Succeeded) continue;
                    Assert.True(holders.TryAdd(got.Value, worker), $"{got.Value} handed out while held by worker {holders.GetValueOrDefault(got.Value)}");
                    mine.Add(got.Value);
                }
                else if (mine.Count > 0)
                {
                    var value = mine[random.Next(mine.Count)];
                    mine.Remove(value);
                    Assert.True(holders.TryRemove(value, out _));
                    Assert.True(allocator.Release(value), $"{value} was held but the allocator had lost it");
                }
            }
        }));
        await Task.WhenAll(workers);

        Assert.Equal(holders.Count, allocator.Used);
        Assert.Equal(holders.Keys.OrderBy(v => v), allocator.Allocated().OrderBy(v => v));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_random_sequence_agrees_with_a_set_model(string kind)
    {
        var (create, anyValue) = Kind(kind);
        var allocator = create();
        var held = new HashSet<object>();
        var random = new Random(42);
        for (var step = 0; step < 5000; step++)
        {
            var value = anyValue(random);
            switch (random.Next(4))
            {
                case 0:
                    var next = allocator.Allocate();
                    if (held.Count == allocator.Capacity) Assert.Equal(AllocationFailure.Full, next.Failure);
                    else Assert.True(next.Succeeded && allocator.InRange(next.Value) && held.Add(next.Value));
                    break;
                case 1:
                    var asked = allocator.Allocate(value);
                    var expected = !allocator.InRange(value) ? AllocationFailure.NotInRange
                        : held.Contains(value) ? AllocationFailure.AlreadyAllocated : AllocationFailure.None;
                    Assert.Equal(expected, asked.Failure);
                    if (asked.Succeeded) held.Add(value);
                    break;
                case 2:
                    Assert.Equal(held.Remove(value), allocator.Release(value));
                    break;
                default:
                    Assert.Equal(held.Contains(value), allocator.Has(value));
                    break;
            }
            Assert.Equal(held.Count, allocator.Used);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Restoring_a_snapshot_gives_the_same_state(string kind)
    {
        var (create, anyValue) = Kind(kind);
        var original = create();
        var random = new Random(9);
        for (var step = 0; step < 300; step++)
        {
            if (random.Next(3) == 0) original.Release(anyValue(random));
            else if (random.Next(2) == 0) original.Allocate();
            else original.Allocate(anyValue(random));
        }

        var restored = create();
        restored.Allocate();
        restored.Restore(original.Snapshot());

        Assert.Equal(original.Allocated(), restored.Allocated());
        Assert.Equal(original.Used, restored.Used);
        Assert.Equal(original.Snapshot().Data, restored.Snapshot().Data);
        Assert.Equal(original.Snapshot().Cursor, restored.Snapshot().Cursor);
    }

    /// <summary>The operations under test, over object values, so one property covers IP and port allocators alike.</summary>
    private interface IAllocator
    {
        int Capacity { get; }
        int Used { get; }
        AllocationResult<object> Allocate();
        AllocationResult<object> Allocate(object value);
        bool Release(object value);
        bool Has(object value);
        bool InRange(object value);
        IReadOnlyList<object> Allocated();
        RangeSnapshot Snapshot();
        void Restore(RangeSnapshot snapshot);
    }

    private sealed class Boxed<T>(RangeAllocator<T> inner) : IAllocator
        where T : notnull
    {
        public int Capacity => inner.Capacity;

        public int Used => inner.Used;

        public AllocationResult<object> Allocate() => Box(inner.Allocate());

        public AllocationResult<object> Allocate(object value) => Box(inner.Allocate((T)value));

        public bool Release(object value) => inner.Release((T)value);

        public bool Has(object value) => inner.Has((T)value);

        public bool InRange(object value) => inner.InRange((T)value);

        public IReadOnlyList<object> Allocated() => [.. inner.Allocated().Cast<object>()];

        public RangeSnapshot Snapshot() => inner.Snapshot();

        public void Restore(RangeSnapshot snapshot) => inner.Restore(snapshot);

        private static AllocationResult<object> Box(AllocationResult<T> a) => new(a.Value, a.Failure, a.Error);
    }
}
