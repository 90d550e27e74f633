// The change tracker: only what changed is recomputed, untouched entries are shared between states.
using Kinet.Model.Services;
using Kinet.Proxy.Sync;
using static Kinet.Proxy.Tests.Sync.Objects;

namespace Kinet.Proxy.Tests.Sync;

public class ProxyChangeTrackerTests
{
    private static readonly ServicePortName A = new("ns1", "a", "p", ServiceProtocol.Tcp);
    private static readonly ServicePortName B = new("ns1", "b", "p", ServiceProtocol.Tcp);

    private static (ProxyChangeTracker, ProxyState) TwoServices()
    {
        var t = new ProxyChangeTracker("n1");
        t.OnService(null, Service("a", "10.96.0.10"));
        t.OnService(null, Service("b", "10.96.0.11"));
        t.OnEndpointSlice(null, Slice("a-1", "a", "TCP", "10.244.1.5@n1"));
        t.OnEndpointSlice(null, Slice("b-1", "b", "TCP", "10.244.2.5"));
        return (t, t.Checkout(ProxyState.Empty("n1")));
    }

    [Fact]
    public void Services_and_their_endpoints_become_the_state()
    {
        var (_, s) = TwoServices();
        Assert.Equal([A, B], s.Services.Keys.OrderBy(k => k.Name));
        Assert.Equal(["10.244.1.5:8080"], s.EndpointsOf(A).Select(e => e.Key));
        Assert.True(s.EndpointsOf(A)[0].IsLocal);
        Assert.False(s.EndpointsOf(B)[0].IsLocal);
    }

    [Fact]
    public void An_unchanged_service_update_is_no_change()
    {
        var (t, _) = TwoServices();
        var again = Service("a", "10.96.0.10");
        again["metadata"]!["resourceVersion"] = "2";
        Assert.False(t.OnService(Service("a", "10.96.0.10"), again));
        Assert.False(t.HasChanges);
    }

    [Fact]
    public void A_change_to_one_service_leaves_the_others_entries_shared()
    {
        var (t, s1) = TwoServices();
        t.OnEndpointSlice(Slice("a-1", "a", "TCP", "10.244.1.5@n1"), Slice("a-1", "a", "TCP", "10.244.1.5@n1", "10.244.1.6@n1"));
        var s2 = t.Checkout(s1);
        Assert.Same(s1.EndpointsOf(B), s2.EndpointsOf(B));
        Assert.Same(s1.Services[B], s2.Services[B]);
        Assert.Same(s1.Services[A], s2.Services[A]);
        Assert.Equal(["10.244.1.5:8080", "10.244.1.6:8080"], s2.EndpointsOf(A).Select(e => e.Key));
    }

    [Fact]
    public void A_slice_event_that_changes_nothing_keeps_the_old_list()
    {
        var (t, s1) = TwoServices();
        t.OnEndpointSlice(Slice("a-1", "a", "TCP", "10.244.1.5@n1"), Slice("a-1", "a", "TCP", "10.244.1.5@n1"));
        Assert.Same(s1.EndpointsOf(A), t.Checkout(s1).EndpointsOf(A));
    }

    [Fact]
    public void A_deleted_service_and_slice_leave_the_state()
    {
        var (t, s1) = TwoServices();
        t.OnService(Service("a", "10.96.0.10"), null);
        t.OnEndpointSlice(Slice("a-1", "a", "TCP", "10.244.1.5@n1"), null);
        var s2 = t.Checkout(s1);
        Assert.Equal([B], s2.Services.Keys);
        Assert.Equal([B], s2.Endpoints.Keys);
    }

    [Fact]
    public void A_service_turned_headless_loses_its_ports()
    {
        var (t, s1) = TwoServices();
        t.OnService(Service("a", "10.96.0.10"), Service("a", "None"));
        Assert.DoesNotContain(A, t.Checkout(s1).Services.Keys);
    }

    [Fact]
    public void Endpoints_merge_over_slices_and_go_with_the_last_one()
    {
        var (t, s1) = TwoServices();
        t.OnEndpointSlice(null, Slice("a-2", "a", "TCP", "10.244.3.5"));
        var s2 = t.Checkout(s1);
        Assert.Equal(["10.244.1.5:8080", "10.244.3.5:8080"], s2.EndpointsOf(A).Select(e => e.Key));
        t.OnEndpointSlice(Slice("a-1", "a", "TCP", "10.244.1.5@n1"), null);
        var s3 = t.Checkout(s2);
        Assert.Equal(["10.244.3.5:8080"], s3.EndpointsOf(A).Select(e => e.Key));
        t.OnEndpointSlice(Slice("a-2", "a", "TCP", "10.244.3.5"), null);
        Assert.DoesNotContain(A, t.Checkout(s3).Endpoints.Keys);
    }

    [Fact]
    public void A_slice_relabelled_to_another_service_moves_its_endpoints()
    {
        var (t, s1) = TwoServices();
        t.OnEndpointSlice(Slice("a-1", "a", "TCP", "10.244.1.5@n1"), Slice("a-1", "b", "TCP", "10.244.1.5@n1"));
        var s2 = t.Checkout(s1);
        Assert.DoesNotContain(A, s2.Endpoints.Keys);
        Assert.Equal(["10.244.1.5:8080", "10.244.2.5:8080"], s2.EndpointsOf(B).Select(e => e.Key));
    }

    [Fact]
    public void The_nodes_internal_ip_is_taken_from_its_own_node_object_only()
    {
        var t = new ProxyChangeTracker("n1");
        Assert.False(t.OnNode(Node("n2", "172.18.0.3")));
        Assert.True(t.OnNode(Node("n1", "172.18.0.2")));
        Assert.False(t.OnNode(Node("n1", "172.18.0.2")));
        Assert.Equal(["172.18.0.2"], t.Checkout(ProxyState.Empty("n1")).NodeIPs.Select(a => a.ToString()));
    }

    [Fact]
    public void A_checkout_names_exactly_the_ports_it_touched()
    {
        var (t, s1) = TwoServices();
        t.OnEndpointSlice(Slice("a-1", "a", "TCP", "10.244.1.5@n1"), Slice("a-1", "a", "TCP", "10.244.1.6@n1"));
        var s2 = t.Checkout(s1, out var changed);
        Assert.Equal([A], changed);
        t.OnService(Service("b", "10.96.0.11"), null);
        t.Checkout(s2, out changed);
        Assert.Equal([B], changed);
    }
}
