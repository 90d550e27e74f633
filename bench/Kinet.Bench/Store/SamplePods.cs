// Pod-like JSON of a realistic size (about 2.5 KB, as kubectl-created pods with status are) for store benchmarks.
using System.Text;

namespace Kinet.Bench.Store;

internal static class SamplePods
{
    public const string Resource = "core/pods";

    public static byte[] Json(string ns, string name, long revision)
    {
        var sb = new StringBuilder(2600);
        sb.Append("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"").Append(name).Append("\",\"namespace\":\"").Append(ns)
          .Append("\",\"uid\":\"").Append(Guid.NewGuid()).Append("\",\"resourceVersion\":\"").Append(revision)
          .Append("\",\"creationTimestamp\":\"2026-01-01T00:00:00Z\",\"labels\":{\"app\":\"web\",\"pod-template-hash\":\"5d8f9c7b6d\"},")
          .Append("\"ownerReferences\":[{\"apiVersion\":\"apps/v1\",\"kind\":\"ReplicaSet\",\"name\":\"web-5d8f9c7b6d\",\"uid\":\"")
          .Append(Guid.NewGuid()).Append("\",\"controller\":true,\"blockOwnerDeletion\":true}]},\"spec\":{\"containers\":[{\"name\":\"web\",")
          .Append("\"image\":\"registry.example/web:1.2.3\",\"ports\":[{\"containerPort\":8080,\"protocol\":\"TCP\"}],")
          .Append("\"resources\":{\"limits\":{\"cpu\":\"500m\",\"memory\":\"128Mi\"},\"requests\":{\"cpu\":\"250m\",\"memory\":\"64Mi\"}},")
          .Append("\"terminationMessagePath\":\"/dev/termination-log\",\"terminationMessagePolicy\":\"File\",\"imagePullPolicy\":\"IfNotPresent\"}],")
          .Append("\"restartPolicy\":\"Always\",\"terminationGracePeriodSeconds\":30,\"dnsPolicy\":\"ClusterFirst\",\"serviceAccountName\":\"default\",")
          .Append("\"nodeName\":\"node-1\",\"securityContext\":{},\"schedulerName\":\"default-scheduler\",\"tolerations\":[")
          .Append("{\"key\":\"node.kubernetes.io/not-ready\",\"operator\":\"Exists\",\"effect\":\"NoExecute\",\"tolerationSeconds\":300},")
          .Append("{\"key\":\"node.kubernetes.io/unreachable\",\"operator\":\"Exists\",\"effect\":\"NoExecute\",\"tolerationSeconds\":300}],")
          .Append("\"priority\":0,\"enableServiceLinks\":true,\"preemptionPolicy\":\"PreemptLowerPriority\"},\"status\":{\"phase\":\"Running\",\"conditions\":[");
        foreach (var condition in new[] { "PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled" })
            sb.Append("{\"type\":\"").Append(condition).Append("\",\"status\":\"True\",\"lastProbeTime\":null,\"lastTransitionTime\":\"2026-01-01T00:00:01Z\"},");
        sb.Length--;
        sb.Append("],\"hostIP\":\"10.0.0.1\",\"hostIPs\":[{\"ip\":\"10.0.0.1\"}],\"podIP\":\"10.244.0.17\",\"podIPs\":[{\"ip\":\"10.244.0.17\"}],")
          .Append("\"startTime\":\"2026-01-01T00:00:00Z\",\"containerStatuses\":[{\"name\":\"web\",\"state\":{\"running\":{\"startedAt\":\"2026-01-01T00:00:01Z\"}},")
          .Append("\"lastState\":{},\"ready\":true,\"restartCount\":0,\"image\":\"registry.example/web:1.2.3\",\"imageID\":\"registry.example/web@sha256:")
          .Append(new string('a', 64)).Append("\",\"containerID\":\"containerd://").Append(new string('b', 64)).Append("\",\"started\":true}],\"qosClass\":\"Burstable\"}}");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    public static Mutation Create(string ns, string name) =>
        new(Resource, ns, name, MutationKind.Create) { Build = rev => Json(ns, name, rev) };

    public static Mutation Update(string ns, string name) =>
        new(Resource, ns, name, MutationKind.Update) { Build = rev => Json(ns, name, rev) };

    /// <summary>Fills a store with <paramref name="count"/> pods spread over 10 namespaces.</summary>
    public static async Task FillAsync(IObjectStore store, int count)
    {
        var tasks = new List<Task>(count);
        for (var i = 0; i < count; i++) tasks.Add(store.CommitAsync(Create($"ns{i % 10}", $"pod-{i:D5}")));
        await Task.WhenAll(tasks);
    }
}
