// The resources controllers name, in one place.
using Kinet.Controllers.Client;

namespace Kinet.Controllers.Runtime;

public static class Resources
{
    public static readonly ResourceRef Namespaces = new("", "namespaces");
    public static readonly ResourceRef Nodes = new("", "nodes");
    public static readonly ResourceRef Pods = new("", "pods");
    public static readonly ResourceRef Services = new("", "services");
    public static readonly ResourceRef Endpoints = new("", "endpoints");
    public static readonly ResourceRef Events = new("", "events");
    public static readonly ResourceRef ConfigMaps = new("", "configmaps");
    public static readonly ResourceRef Secrets = new("", "secrets");
    public static readonly ResourceRef ServiceAccounts = new("", "serviceaccounts");
    public static readonly ResourceRef Deployments = new("apps", "deployments");
    public static readonly ResourceRef ReplicaSets = new("apps", "replicasets");
    public static readonly ResourceRef EndpointSlices = new("discovery.k8s.io", "endpointslices");
}
