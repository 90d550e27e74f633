// `kubectl get pods -o wide` rows for the pod states people meet: columns NAME | READY | STATUS | RESTARTS | AGE | IP | NODE | NOMINATED NODE | READINESS GATES.
using static Kinet.Api.Tests.Tables.TableTestKit;

namespace Kinet.Api.Tests.Tables;

public class PodTableTests
{
    private static readonly string Created = Ago(TimeSpan.FromDays(10));
    private static readonly string FiveMinutesAgo = Ago(TimeSpan.FromMinutes(5));

    private static string Pod(string spec, string status, string extraMetadata = "") =>
        """{"metadata":{"name":"p1","namespace":"default","creationTimestamp":" """.TrimEnd() + Created + "\"" + extraMetadata +
        """},"spec":{""" + spec + """},"status":{""" + status + "}}";

    private const string OneContainer = """ "containers":[{"name":"app","image":"nginx"}] """;
    private const string WithInit = """ "initContainers":[{"name":"init","image":"busybox"}],"containers":[{"name":"app","image":"nginx"}] """;

    public static TheoryData<string, string, string> Cases => new()
    {
        {
            "a running, ready pod",
            Pod(OneContainer + ""","nodeName":"node1" """,
                """ "phase":"Running","podIP":"10.244.1.5","podIPs":[{"ip":"10.244.1.5"}],"containerStatuses":[{"name":"app","ready":true,"restartCount":0,"state":{"running":{}}}] """),
            "p1 | 1/1 | Running | 0 | 10d | 10.244.1.5 | node1 | <none> | <none>"
        },
        {
            "a pod not yet scheduled",
            Pod(OneContainer, """ "phase":"Pending" """),
            "p1 | 0/1 | Pending | 0 | 10d | <none> | <none> | <none> | <none>"
        },
        {
            "a crash-looping container, last restarted five minutes ago",
            Pod(OneContainer, """ "phase":"Running","podIP":"10.244.1.5","containerStatuses":[{"name":"app","ready":false,"restartCount":2,"state":{"waiting":{"reason":"CrashLoopBackOff"}},"lastState":{"terminated":{"exitCode":1,"reason":"Error","finishedAt":" """.TrimEnd() + FiveMinutesAgo + "\"}}}]"),
            "p1 | 0/1 | CrashLoopBackOff | 2 (5m ago) | 10d | 10.244.1.5 | <none> | <none> | <none>"
        },
        {
            "a pod whose container completed",
            Pod(OneContainer, """ "phase":"Succeeded","containerStatuses":[{"name":"app","ready":false,"restartCount":0,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}}] """),
            "p1 | 0/1 | Completed | 0 | 10d | <none> | <none> | <none> | <none>"
        },
        {
            "a container killed without a reason",
            Pod(OneContainer, """ "phase":"Running","containerStatuses":[{"name":"app","restartCount":0,"state":{"terminated":{"exitCode":137}}}] """),
            "p1 | 0/1 | ExitCode:137 | 0 | 10d | <none> | <none> | <none> | <none>"
        },
        {
            "a container killed by a signal",
            Pod(OneContainer, """ "phase":"Running","containerStatuses":[{"name":"app","restartCount":0,"state":{"terminated":{"exitCode":137,"signal":9}}}] """),
            "p1 | 0/1 | Signal:9 | 0 | 10d | <none> | <none> | <none> | <none>"
        },
        {
            "an init container still running",
            Pod(WithInit, """ "phase":"Pending","initContainerStatuses":[{"name":"init","ready":false,"restartCount":0,"state":{"running":{}}}],"containerStatuses":[{"name":"app","ready":false,"restartCount":0,"state":{"waiting":{"reason":"PodInitializing"}}}] """),
            "p1 | 0/1 | Init:0/1 | 0 | 10d | <none> | <none> | <none> | <none>"
        },
        {
            "an init container crash-looping",
            Pod(WithInit, """ "phase":"Pending","initContainerStatuses":[{"name":"init","restartCount":3,"state":{"waiting":{"reason":"CrashLoopBackOff"}}}] """),
            "p1 | 0/1 | Init:CrashLoopBackOff | 3 | 10d | <none> | <none> | <none> | <none>"
        },
        {
            "an init container that failed with a reason",
            Pod(WithInit, """ "phase":"Pending","initContainerStatuses":[{"name":"init","restartCount":0,"state":{"terminated":{"exitCode":1,"reason":"Error"}}}] """),
            "p1 | 0/1 | Init:Error | 0 | 10d | <none> | <none> | <none> | <none>"
        },
        {
            "an init container that failed without a reason",
            Pod(WithInit, """ "phase":"Pending","initContainerStatuses":[{"name":"init","restartCount":0,"state":{"terminated":{"exitCode":2}}}] """),
            "p1 | 0/1 | Init:ExitCode:2 | 0 | 10d | <none> | <none> | <none> | <none>"
        },
        {
            "a finished init container and a running app",
            Pod(WithInit, """ "phase":"Running","conditions":[{"type":"Initialized","status":"True"}],"initContainerStatuses":[{"name":"init","restartCount":0,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}}],"containerStatuses":[{"name":"app","ready":true,"restartCount":0,"state":{"running":{}}}] """),
            "p1 | 1/1 | Running | 0 | 10d | <none> | <none> | <none> | <none>"
        },
        {
            "a started sidecar counts as a container",
            Pod(""" "initContainers":[{"name":"proxy","image":"envoy","restartPolicy":"Always"}],"containers":[{"name":"app","image":"nginx"}] """,
                """ "phase":"Running","conditions":[{"type":"Initialized","status":"True"}],"initContainerStatuses":[{"name":"proxy","ready":true,"started":true,"restartCount":1,"state":{"running":{}}}],"containerStatuses":[{"name":"app","ready":true,"restartCount":0,"state":{"running":{}}}] """),
            "p1 | 2/2 | Running | 1 | 10d | <none> | <none> | <none> | <none>"
        },
        {
            "a running pod being deleted",
            Pod(OneContainer, """ "phase":"Running","containerStatuses":[{"name":"app","ready":true,"restartCount":0,"state":{"running":{}}}] """, $$""","deletionTimestamp":"{{FiveMinutesAgo}}" """),
            "p1 | 1/1 | Terminating | 0 | 10d | <none> | <none> | <none> | <none>"
        },
        {
            "a pod being deleted on a lost node",
            Pod(OneContainer, """ "phase":"Running","reason":"NodeLost" """, $$""","deletionTimestamp":"{{FiveMinutesAgo}}" """),
            "p1 | 0/1 | Unknown | 0 | 10d | <none> | <none> | <none> | <none>"
        },
        {
            "a succeeded pod being deleted keeps its status",
            Pod(OneContainer, """ "phase":"Succeeded","containerStatuses":[{"name":"app","restartCount":0,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}}] """, $$""","deletionTimestamp":"{{FiveMinutesAgo}}" """),
            "p1 | 0/1 | Completed | 0 | 10d | <none> | <none> | <none> | <none>"
        },
        {
            "an evicted pod shows the pod's reason",
            Pod(OneContainer, """ "phase":"Failed","reason":"Evicted" """),
            "p1 | 0/1 | Evicted | 0 | 10d | <none> | <none> | <none> | <none>"
        },
        {
            "a scheduling-gated pod",
            Pod(OneContainer, """ "phase":"Pending","conditions":[{"type":"PodScheduled","status":"False","reason":"SchedulingGated"}] """),
            "p1 | 0/1 | SchedulingGated | 0 | 10d | <none> | <none> | <none> | <none>"
        },
        {
            "one container completed while another runs, pod not ready",
            Pod(""" "containers":[{"name":"a"},{"name":"b"}] """,
                """ "phase":"Running","containerStatuses":[{"name":"a","ready":true,"restartCount":0,"state":{"running":{}}},{"name":"b","ready":false,"restartCount":0,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}}] """),
            "p1 | 1/2 | NotReady | 0 | 10d | <none> | <none> | <none> | <none>"
        },
        {
            "readiness gates count the true conditions, nominated node shown",
            Pod(OneContainer + ""","readinessGates":[{"conditionType":"example.com/lb"},{"conditionType":"example.com/dns"}] """,
                """ "phase":"Pending","nominatedNodeName":"node2","conditions":[{"type":"example.com/lb","status":"True"},{"type":"example.com/dns","status":"False"}] """),
            "p1 | 0/1 | Pending | 0 | 10d | <none> | <none> | node2 | 1/2"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Pod_rows_match_kube_apiserver(string situation, string pod, string expected)
    {
        _ = situation;
        Assert.Equal(expected, Row("", "pods", pod));
    }

    [Fact]
    public void Pod_columns_match_kube_apiserver() =>
        Assert.Equal("NAME | READY | STATUS | RESTARTS | AGE | IP(w) | NODE(w) | NOMINATED NODE(w) | READINESS GATES(w)", Header("", "pods"));

    [Theory]
    [InlineData("Succeeded", "Succeeded", "The pod has completed successfully.")]
    [InlineData("Failed", "Failed", "The pod failed.")]
    public void Finished_pods_carry_a_completed_row_condition(string phase, string reason, string message)
    {
        var table = Kinet.Api.Tables.TableConverter.ToTable(Kinet.Api.Resources.ResourceRegistry.Get("", "pods"),
            [Parse(Pod(OneContainer, $$""" "phase":"{{phase}}" """))], new(), Now);
        var condition = table["rows"]![0]!["conditions"]![0]!;
        Assert.Equal(("Completed", "True", reason, message),
            ((string)condition["type"]!, (string)condition["status"]!, (string)condition["reason"]!, (string)condition["message"]!));
    }

    [Fact]
    public void Running_pods_carry_no_row_conditions()
    {
        var table = Kinet.Api.Tables.TableConverter.ToTable(Kinet.Api.Resources.ResourceRegistry.Get("", "pods"),
            [Parse(Pod(OneContainer, """ "phase":"Running" """))], new(), Now);
        Assert.False(table["rows"]![0]!.AsObject().ContainsKey("conditions"));
    }
}
