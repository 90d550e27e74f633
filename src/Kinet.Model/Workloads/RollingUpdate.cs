// Rolling update arithmetic of deployment/util: the surge and unavailability a Deployment allows for its desired replicas.
using System.Text.Json.Nodes;

namespace Kinet.Model.Workloads;

public sealed record RollingUpdate(IntOrPercent MaxSurge, IntOrPercent MaxUnavailable)
{
    public static readonly RollingUpdate Default = new(IntOrPercent.TwentyFivePercent, IntOrPercent.TwentyFivePercent);

    /// <summary>The strategy of a Deployment; null when it is Recreate.</summary>
    public static RollingUpdate? Of(JsonObject deployment)
    {
        var strategy = JsonRead.At(deployment, "spec", "strategy");
        if (JsonRead.Str(strategy, "type") == "Recreate") return null;
        var ru = JsonRead.At(strategy, "rollingUpdate");
        return new(IntOrPercent.Parse(JsonRead.At(ru, "maxSurge"), Default.MaxSurge),
            IntOrPercent.Parse(JsonRead.At(ru, "maxUnavailable"), Default.MaxUnavailable));
    }

    /// <summary>(surge, unavailable) for <paramref name="desired"/> replicas: surge rounds up, unavailable down; when
    /// both come out zero, unavailable is 1 so the rollout can move (ResolveFenceposts).</summary>
    public (int Surge, int Unavailable) Resolve(int desired)
    {
        var surge = MaxSurge.Scaled(desired, roundUp: true);
        var unavailable = MaxUnavailable.Scaled(desired, roundUp: false);
        return surge == 0 && unavailable == 0 ? (0, 1) : (surge, unavailable);
    }

    /// <summary>Validation of the strategy as ValidateRollingUpdateDeployment words it; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        Check(MaxUnavailable, "spec.strategy.rollingUpdate.maxUnavailable", errors);
        Check(MaxSurge, "spec.strategy.rollingUpdate.maxSurge", errors);
        if (MaxUnavailable.Value == 0 && MaxSurge.Value == 0)
            errors.Add($"spec.strategy.rollingUpdate.maxUnavailable: Invalid value: {Quote(MaxUnavailable)}: may not be 0 when `maxSurge` is 0");
        if (MaxUnavailable.IsPercent && MaxUnavailable.Value > 100)
            errors.Add($"spec.strategy.rollingUpdate.maxUnavailable: Invalid value: {Quote(MaxUnavailable)}: must not be greater than 100%");
        return errors;
    }

    private static void Check(IntOrPercent v, string path, List<string> errors)
    {
        if (v.Value < 0)
            errors.Add($"{path}: Invalid value: {Quote(v)}: must be greater than or equal to 0");
    }

    private static string Quote(IntOrPercent v) => v.IsPercent ? $"\"{v}\"" : v.ToString();

    /// <summary>MaxUnavailable(deployment): 0 for Recreate or zero replicas, never more than the replicas.</summary>
    public static int MaxUnavailableOf(RollingUpdate? strategy, int replicas)
    {
        if (strategy is null || replicas == 0) return 0;
        return Math.Min(strategy.Resolve(replicas).Unavailable, replicas);
    }

    /// <summary>MaxSurge(deployment): 0 for Recreate.</summary>
    public static int MaxSurgeOf(RollingUpdate? strategy, int replicas) => strategy?.Resolve(replicas).Surge ?? 0;
}
