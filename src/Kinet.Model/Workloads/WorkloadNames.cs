// Names the workload controllers give: ReplicaSets "<deployment>-<pod-template-hash>", pods "<replicaset>-<5 safe chars>"
// (the API server's generateName: the prefix cut to 58 characters so the name fits 63).
namespace Kinet.Model.Workloads;

public static class WorkloadNames
{
    public const int MaxNameLength = 63;
    public const int RandomLength = 5;

    public static string ReplicaSet(string deploymentName, string podTemplateHash) => $"{deploymentName}-{podTemplateHash}";

    /// <summary>The generateName a ReplicaSet puts on its pods.</summary>
    public static string PodGenerateName(string replicaSetName) => replicaSetName + "-";

    /// <summary>A name from a generateName prefix, as the API server's names.SimpleNameGenerator makes it.</summary>
    public static string Generate(string prefix, Random random)
    {
        if (prefix.Length > MaxNameLength - RandomLength) prefix = prefix[..(MaxNameLength - RandomLength)];
        return prefix + SafeEncoding.RandomString(random, RandomLength);
    }

    public static string Pod(string replicaSetName, Random random) => Generate(PodGenerateName(replicaSetName), random);
}
