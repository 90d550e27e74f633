// Conventions for the apply tests: objects live in namespace "default"; T0 is the first write, T1 and T2 later ones.
// Fixtures are the objects kubectl sends (see the wire-protocol notes), already defaulted where the server defaults.
using System.Text.Json.Nodes;
using Kinet.Api.Patching.Apply;
using Kinet.Api.Resources;
using static Kinet.Api.Tests.Patching.Apply.Paths;

namespace Kinet.Api.Tests.Patching.Apply;

internal static class Objects
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset T1 = T0.AddMinutes(1);
    public static readonly DateTimeOffset T2 = T0.AddMinutes(2);

    public static ResourceInfo Pods => ResourceRegistry.Get("", "pods");
    public static ResourceInfo Deployments => ResourceRegistry.Get("apps", "deployments");
    public static ResourceInfo ConfigMaps => ResourceRegistry.Get("", "configmaps");
    public static ResourceInfo Services => ResourceRegistry.Get("", "services");

    /// <summary>`kubectl run x --image=nginx` after the server's defaulting and metadata.</summary>
    public static JsonObject RunPod() => J("""
        {'apiVersion':'v1','kind':'Pod','metadata':{'name':'x','namespace':'default','uid':'u1','resourceVersion':'1',
          'creationTimestamp':'2026-11-26T08:00:00Z','labels':{'run':'x'}},
         'spec':{'containers':[{'name':'x','image':'nginx','resources':{},'terminationMessagePath':'/dev/termination-log',
           'terminationMessagePolicy':'File','imagePullPolicy':'Always'}],'restartPolicy':'Always','terminationGracePeriodSeconds':30,
           'dnsPolicy':'ClusterFirst','securityContext':{},'schedulerName':'default-scheduler','enableServiceLinks':true},
         'status':{'phase':'Pending','qosClass':'BestEffort'}}
        """);

    /// <summary>A deployment manifest as `kubectl apply --server-side` sends it.</summary>
    public static JsonObject WebDeployment(int replicas = 2, string image = "nginx:1.25") => J("""
        {'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web','labels':{'app':'web'}},
         'spec':{'replicas':REPLICAS,'selector':{'matchLabels':{'app':'web'}},
           'template':{'metadata':{'labels':{'app':'web'}},'spec':{'containers':[{'name':'nginx','image':'IMAGE','ports':[{'containerPort':80}]}]}}}}
        """.Replace("REPLICAS", replicas.ToString(System.Globalization.CultureInfo.InvariantCulture)).Replace("IMAGE", image));

    public static JsonObject ConfigMap(string data) => J("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'cm'},'data':" + data + "}");

    public static JsonArray ManagedFieldsOf(JsonObject obj) => (JsonArray)ManagedFields.Entries(obj)!;

    public static string FieldsOf(JsonObject obj, string manager, string operation) =>
        Compact(ManagedFieldsOf(obj).Single(e => (string)e!["manager"]! == manager && (string)e["operation"]! == operation)!["fieldsV1"]);

    public static string[] Managers(JsonObject obj) =>
        ManagedFields.Entries(obj) is JsonArray a ? a.Select(e => $"{e!["manager"]}/{e["operation"]}" + (e["subresource"] is { } s ? $"/{s}" : "")).ToArray() : [];

    /// <summary>The object without managedFields, for comparing content.</summary>
    public static string Content(JsonObject obj)
    {
        var c = obj.DeepClone().AsObject();
        ManagedFields.Strip(c);
        return Compact(c);
    }
}
