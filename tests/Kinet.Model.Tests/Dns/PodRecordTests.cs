// Pod records `a-b-c-d.<ns>.pod.<zone>` (CoreDNS's findPods) in each `pods` mode. Fixture: see DnsFixture's Conventions.
using Kinet.Model.Dns;
using static Kinet.Model.Dns.DnsRcode;
using static Kinet.Model.Dns.DnsType;
using static Kinet.Model.Tests.Dns.DnsFixture;

namespace Kinet.Model.Tests.Dns;

public class PodRecordTests
{
    public static readonly DnsCase[] Insecure =
    [
        // Any address in an existing namespace, pod or not.
        new("1-2-3-4.podns.pod.cluster.local.", A, NoError, ["1-2-3-4.podns.pod.cluster.local.\t5\tIN\tA\t1.2.3.4"]),
        new("10-240-0-1.podns.pod.cluster.local.", A, NoError, ["10-240-0-1.podns.pod.cluster.local.\t5\tIN\tA\t10.240.0.1"]),
        new("fd00--1.podns.pod.cluster.local.", AAAA, NoError, ["fd00--1.podns.pod.cluster.local.\t5\tIN\tAAAA\tfd00::1"]),
        new("1-2-3-4.podns.pod.cluster.local.", AAAA, NoError, [], [Soa]),
        new("1-2-3-4.nonexistent.pod.cluster.local.", A, NxDomain, [], [Soa]),
        new("1-2-3.podns.pod.cluster.local.", A, NxDomain, [], [Soa]),
        new("1-2-3-256.podns.pod.cluster.local.", A, NxDomain, [], [Soa]),
        new("01-2-3-4.podns.pod.cluster.local.", A, NxDomain, [], [Soa]),
        new("foo.podns.pod.cluster.local.", A, NxDomain, [], [Soa]),
    ];

    public static readonly DnsCase[] Verified =
    [
        new("10-240-0-1.podns.pod.cluster.local.", A, NoError, ["10-240-0-1.podns.pod.cluster.local.\t5\tIN\tA\t10.240.0.1"]),
        new("10-240-0-3.testns.pod.cluster.local.", A, NoError, ["10-240-0-3.testns.pod.cluster.local.\t5\tIN\tA\t10.240.0.3"]),
        new("10-240-0-1.testns.pod.cluster.local.", A, NxDomain, [], [Soa]),   // another namespace's pod
        new("10-240-0-2.podns.pod.cluster.local.", A, NxDomain, [], [Soa]),    // terminating
        new("1-2-3-4.podns.pod.cluster.local.", A, NxDomain, [], [Soa]),       // no such pod
    ];

    public static readonly DnsCase[] Disabled =
    [
        new("10-240-0-1.podns.pod.cluster.local.", A, NxDomain, [], [Soa]),
        new("podns.pod.cluster.local.", A, NxDomain, [], [Soa]),
        new("pod.cluster.local.", A, NoError, [], [Soa]),
    ];

    [Fact]
    public void Insecure_mode_answers_any_address_in_an_existing_namespace() => Check(Insecure);

    [Fact]
    public void Verified_mode_answers_only_running_pods_of_the_namespace() => Check(Verified, config: Config with { Pods = PodsMode.Verified });

    [Fact]
    public void Disabled_mode_has_no_pod_records() => Check(Disabled, config: Config with { Pods = PodsMode.Disabled });
}
