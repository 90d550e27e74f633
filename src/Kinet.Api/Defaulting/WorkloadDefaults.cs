// Deployment and ReplicaSet defaults (pkg/apis/apps/v1/defaults.go); their pod templates get PodSpec defaults.
using System.Text.Json.Nodes;
using Kinet.Api.Validation;

namespace Kinet.Api.Defaulting;

internal static class WorkloadDefaults
{
    public static void ApplyDeployment(JsonObject d)
    {
        if (d.Child("spec") is not { } spec) return;
        spec.Default("replicas", JsonWrite.Num(1));
        if (spec.Child("strategy") is { } strategy)
        {
            strategy.DefaultString("type", "RollingUpdate");
            if (strategy.S("type") == "RollingUpdate" && strategy.Child("rollingUpdate") is { } ru)
            {
                ru.Default("maxUnavailable", "25%");
                ru.Default("maxSurge", "25%");
            }
        }
        spec.Default("revisionHistoryLimit", JsonWrite.Num(10));
        spec.Default("progressDeadlineSeconds", JsonWrite.Num(600));
        ApplyTemplate(spec);
    }

    public static void ApplyReplicaSet(JsonObject rs)
    {
        if (rs.Child("spec") is not { } spec) return;
        spec.Default("replicas", JsonWrite.Num(1));
        ApplyTemplate(spec);
    }

    private static void ApplyTemplate(JsonObject spec)
    {
        if (spec.Child("template") is { } template && template.Child("spec") is { } podSpec) PodDefaults.ApplySpec(podSpec);
    }
}
