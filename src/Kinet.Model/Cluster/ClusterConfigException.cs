// A cluster config that cannot be used: the message is one readable line ("line 7: nodes[1].role: ...").
namespace Kinet.Model.Cluster;

public sealed class ClusterConfigException(string message) : Exception(message);
