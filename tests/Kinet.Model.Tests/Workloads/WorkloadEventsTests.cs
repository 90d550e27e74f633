// Event messages of the workload controllers, worded as 1.32 records them.
using Kinet.Model.Workloads;

namespace Kinet.Model.Tests.Workloads;

public class WorkloadEventsTests
{
    [Theory]
    [InlineData(0, 3, "Scaled up replica set web-6f4d85b5c9 from 0 to 3")]
    [InlineData(5, 1, "Scaled down replica set web-6f4d85b5c9 from 5 to 1")]
    public void Scaling_events_say_which_way_and_by_how_much(int from, int to, string message) =>
        Assert.Equal(message, WorkloadEvents.Scaled("web-6f4d85b5c9", from, to));
}
