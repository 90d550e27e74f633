// Builders for the objects the workload tests create: a Deployment or ReplicaSet of nginx pods labelled app=<name>.
// Templates name their node (as a pinned workload would), which makes pod deletion graceful as on a real node without
// depending on a scheduler.
using System.Text.Json.Nodes;

namespace Kinet.Controllers.Tests.Workloads;

public static class Objects
{
    public static JsonObject Template(string app, string image = "nginx:1.27") => new()
    {
        ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = app } },
        ["spec"] = new JsonObject
        {
            ["nodeName"] = "kind-worker",
            ["containers"] = new JsonArray(new JsonObject { ["name"] = "web", ["image"] = image }),
        },
    };

    public static JsonObject Deployment(string name, int replicas, string image = "nginx:1.27", JsonObject? strategy = null)
    {
        var spec = new JsonObject
        {
            ["replicas"] = replicas,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
            ["template"] = Template(name, image),
        };
        if (strategy is not null) spec["strategy"] = strategy;
        return new JsonObject
        {
            ["apiVersion"] = "apps/v1", ["kind"] = "Deployment",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default", ["labels"] = new JsonObject { ["app"] = name } },
            ["spec"] = spec,
        };
    }

    public static JsonObject Rolling(int maxSurge, int maxUnavailable) => new()
    {
        ["type"] = "RollingUpdate",
        ["rollingUpdate"] = new JsonObject { ["maxSurge"] = maxSurge, ["maxUnavailable"] = maxUnavailable },
    };

    public static JsonObject Recreate() => new() { ["type"] = "Recreate" };

    public static JsonObject ReplicaSet(string name, int replicas, string app) => new()
    {
        ["apiVersion"] = "apps/v1", ["kind"] = "ReplicaSet",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" },
        ["spec"] = new JsonObject
        {
            ["replicas"] = replicas,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = app } },
            ["template"] = Template(app),
        },
    };

    public static JsonObject Pod(string name, string app) => new()
    {
        ["apiVersion"] = "v1", ["kind"] = "Pod",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default", ["labels"] = new JsonObject { ["app"] = app } },
        ["spec"] = new JsonObject
        {
            ["nodeName"] = "kind-worker",
            ["containers"] = new JsonArray(new JsonObject { ["name"] = "web", ["image"] = "nginx:1.27" }),
        },
    };
}
