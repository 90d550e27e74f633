// Runs the rollout step against a tiny simulated cluster until it settles, checking the rolling update bounds hold at
// every step: never more than replicas + maxSurge pods, never fewer than replicas - maxUnavailable available.
using System.Text.Json.Nodes;
using Kinet.Model.Workloads;

namespace Kinet.Model.Tests.Workloads;

public class RolloutSimulationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static JsonObject Deployment(int replicas, string surge, string unavailable) => JsonNode.Parse(
        "{\"metadata\":{\"name\":\"web\",\"generation\":1},\"spec\":{\"replicas\":" + replicas +
        ",\"progressDeadlineSeconds\":600,\"strategy\":{\"type\":\"RollingUpdate\",\"rollingUpdate\":{\"maxSurge\":" + surge +
        ",\"maxUnavailable\":" + unavailable + "}}}}")!.AsObject();

    [Theory]
    [InlineData(3, "1", "0")]
    [InlineData(3, "0", "1")]
    [InlineData(10, "\"25%\"", "\"25%\"")]
    [InlineData(5, "\"100%\"", "0")]
    [InlineData(1, "\"25%\"", "\"25%\"")]
    [InlineData(7, "2", "3")]
    public void A_rolling_update_stays_within_its_bounds_and_finishes(int replicas, string surge, string unavailable)
    {
        var d = Deployment(replicas, surge, unavailable);
        var (maxSurge, maxUnavailable) = (RollingUpdate.MaxSurgeOf(RollingUpdate.Of(d), replicas),
            RollingUpdate.MaxUnavailableOf(RollingUpdate.Of(d), replicas));
        var sets = new Dictionary<string, ReplicaSetState> { ["old"] = new("old", T0, replicas, replicas, replicas, replicas) };
        string? fresh = null;

        for (var round = 0; round < 100; round++)
        {
            var newRs = fresh is null ? null : sets[fresh];
            var step = DeploymentRollout.Step(d, newRs, sets.Values.Where(s => s.Name != fresh).ToArray());
            if (step.IsNone && newRs is not null)
            {
                Assert.Equal(replicas, newRs.AvailableReplicas);
                Assert.All(sets.Values.Where(s => s.Name != fresh), s => Assert.Equal(0, s.SpecReplicas));
                var status = DeploymentStatus.Compute(d, newRs, sets.Values.ToArray(), T0);
                Assert.True(DeploymentStatus.IsComplete(d, status));
                return;
            }
            if (step.CreateNewWithReplicas is { } n)
            {
                fresh = "new";
                sets[fresh] = new ReplicaSetState(fresh, T0.AddSeconds(1), n);
            }
            foreach (var a in step.Scales) sets[a.ReplicaSet] = sets[a.ReplicaSet] with { SpecReplicas = a.Replicas };

            // Scale-downs take effect at once; new pods exist at once but become available only next round.
            Assert.InRange(sets.Values.Sum(s => s.SpecReplicas), 0, replicas + maxSurge);
            foreach (var (name, s) in sets.ToArray())
            {
                var available = Math.Min(s.AvailableReplicas, s.SpecReplicas);
                sets[name] = s with { StatusReplicas = s.SpecReplicas, ReadyReplicas = available, AvailableReplicas = available };
            }
            Assert.True(sets.Values.Sum(s => s.AvailableReplicas) >= replicas - maxUnavailable, $"availability dropped in round {round}");
            foreach (var (name, s) in sets.ToArray())
                sets[name] = s with { ReadyReplicas = s.SpecReplicas, AvailableReplicas = s.SpecReplicas };
        }
        Assert.Fail("the rollout did not settle");
    }
}
