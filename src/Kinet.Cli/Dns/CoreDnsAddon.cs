// The CoreDNS addon as kubeadm installs it (cmd/kubeadm/app/phases/addons/dns, CoreDNS 1.11): ServiceAccount,
// ConfigMap (the Corefile), Deployment and the kube-dns Service at the cluster DNS address. The daemon creates each
// object that is missing at every start, through the API server's registry as the admin, so a user's edits survive
// restarts and a deleted object comes back at the next daemon start.
using System.Text.Json.Nodes;
using Kinet.Controllers.Client;
using Kinet.Model.Cluster;
using Kinet.Model.Dns;

namespace Kinet.Cli.Dns;

internal static class CoreDnsAddon
{
    public const string Namespace = "kube-system";
    public const string Name = "coredns";
    public const string ServiceName = "kube-dns";
    public const string Image = "registry.k8s.io/coredns/coredns:v1.11.3";
    public const string AppLabel = "kube-dns";

    /// <summary>The field manager of the addon's objects (kubeadm creates them upstream).</summary>
    public const string Manager = "kubeadm";

    private static readonly ResourceRef ServiceAccounts = new("", "serviceaccounts");
    private static readonly ResourceRef ConfigMaps = new("", "configmaps");
    private static readonly ResourceRef Services = new("", "services");
    private static readonly ResourceRef Deployments = new("apps", "deployments");

    /// <summary>The addon's objects in creation order (the Deployment last, so its pods find their ConfigMap), each
    /// built only when it is missing.</summary>
    public static IReadOnlyList<(ResourceRef Resource, string Name, Func<JsonObject> Build)> Objects(ClusterSpec spec) =>
    [
        (ServiceAccounts, Name, ServiceAccount),
        (ConfigMaps, Name, () => ConfigMap(spec.ClusterDomain)),
        (Services, ServiceName, () => Service(spec.DnsServiceIP.ToString())),
        (Deployments, Name, Deployment),
    ];

    /// <summary>Creates every addon object that does not exist; returns what it created ("configmaps/coredns", ...).
    /// A failure is logged and the rest still tried: the cluster serves without DNS rather than not at all.</summary>
    public static async Task<IReadOnlyList<string>> EnsureAsync(IObjectClient client, ClusterSpec spec, Action<string> log, CancellationToken ct)
    {
        var created = new List<string>();
        foreach (var (resource, name, build) in Objects(spec))
        {
            var what = $"{resource.Plural}/{name}";
            try
            {
                if (client.Get(resource, Namespace, name) is not null) continue;
                await client.CreateAsync(resource, build(), Manager, ct);
                created.Add(what);
            }
            catch (ObjectConflictException) { } // created meanwhile
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log($"coredns addon: could not create {Namespace}/{what}: {e.Message}");
            }
        }
        if (created.Count > 0) log($"coredns addon: created {string.Join(", ", created)} in {Namespace}");
        return created;
    }

    public static JsonObject ServiceAccount() => Parse($$$$"""
        {"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"{{{{Name}}}}","namespace":"{{{{Namespace}}}}"}}
        """);

    public static JsonObject ConfigMap(string clusterDomain)
    {
        var cm = Parse($$$$"""
            {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"{{{{Name}}}}","namespace":"{{{{Namespace}}}}"},"data":{}}
            """);
        cm["data"]!["Corefile"] = Corefile.Default(clusterDomain);
        return cm;
    }

    public static JsonObject Service(string clusterIP) => Parse($$$$"""
        {
          "apiVersion": "v1", "kind": "Service",
          "metadata": {
            "name": "{{{{ServiceName}}}}", "namespace": "{{{{Namespace}}}}",
            "labels": {"k8s-app": "{{{{AppLabel}}}}", "kubernetes.io/cluster-service": "true", "kubernetes.io/name": "CoreDNS"},
            "annotations": {"prometheus.io/port": "9153", "prometheus.io/scrape": "true"}
          },
          "spec": {
            "selector": {"k8s-app": "{{{{AppLabel}}}}"},
            "clusterIP": "{{{{clusterIP}}}}",
            "ports": [
              {"name": "dns", "port": 53, "protocol": "UDP", "targetPort": 53},
              {"name": "dns-tcp", "port": 53, "protocol": "TCP", "targetPort": 53},
              {"name": "metrics", "port": 9153, "protocol": "TCP", "targetPort": 9153}
            ]
          }
        }
        """);

    public static JsonObject Deployment() => Parse($$$$"""
        {
          "apiVersion": "apps/v1", "kind": "Deployment",
          "metadata": {"name": "{{{{Name}}}}", "namespace": "{{{{Namespace}}}}", "labels": {"k8s-app": "{{{{AppLabel}}}}"}},
          "spec": {
            "replicas": 2,
            "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": 1}},
            "selector": {"matchLabels": {"k8s-app": "{{{{AppLabel}}}}"}},
            "template": {
              "metadata": {"labels": {"k8s-app": "{{{{AppLabel}}}}"}},
              "spec": {
                "priorityClassName": "system-cluster-critical",
                "serviceAccountName": "{{{{Name}}}}",
                "affinity": {"podAntiAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [{
                  "weight": 100,
                  "podAffinityTerm": {
                    "labelSelector": {"matchExpressions": [{"key": "k8s-app", "operator": "In", "values": ["{{{{AppLabel}}}}"]}]},
                    "topologyKey": "kubernetes.io/hostname"
                  }
                }]}},
                "tolerations": [
                  {"key": "CriticalAddonsOnly", "operator": "Exists"},
                  {"key": "node-role.kubernetes.io/control-plane", "effect": "NoSchedule"}
                ],
                "nodeSelector": {"kubernetes.io/os": "linux"},
                "containers": [{
                  "name": "coredns",
                  "image": "{{{{Image}}}}",
                  "imagePullPolicy": "IfNotPresent",
                  "resources": {"limits": {"memory": "170Mi"}, "requests": {"cpu": "100m", "memory": "70Mi"}},
                  "args": ["-conf", "/etc/coredns/Corefile"],
                  "volumeMounts": [{"name": "config-volume", "mountPath": "/etc/coredns", "readOnly": true}],
                  "ports": [
                    {"containerPort": 53, "name": "dns", "protocol": "UDP"},
                    {"containerPort": 53, "name": "dns-tcp", "protocol": "TCP"},
                    {"containerPort": 9153, "name": "metrics", "protocol": "TCP"}
                  ],
                  "securityContext": {
                    "allowPrivilegeEscalation": false,
                    "capabilities": {"add": ["NET_BIND_SERVICE"], "drop": ["ALL"]},
                    "readOnlyRootFilesystem": true
                  },
                  "livenessProbe": {
                    "httpGet": {"path": "/health", "port": 8080, "scheme": "HTTP"},
                    "initialDelaySeconds": 60, "timeoutSeconds": 5, "successThreshold": 1, "failureThreshold": 5
                  },
                  "readinessProbe": {"httpGet": {"path": "/ready", "port": 8181, "scheme": "HTTP"}}
                }],
                "dnsPolicy": "Default",
                "volumes": [{
                  "name": "config-volume",
                  "configMap": {"name": "{{{{Name}}}}", "items": [{"key": "Corefile", "path": "Corefile"}]}
                }]
              }
            }
          }
        }
        """);

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
