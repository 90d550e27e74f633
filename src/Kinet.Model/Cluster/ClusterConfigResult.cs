// What parsing a cluster config gives: the spec, one warning line per field that has no meaning in Kinet, and the
// config's own `name` (kind uses it when --name is not given).
namespace Kinet.Model.Cluster;

public sealed record ClusterConfigResult(ClusterSpec Spec, ValueList<string> Warnings, string? ConfigName);
