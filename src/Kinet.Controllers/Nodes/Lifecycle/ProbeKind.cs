// The three probes a container may have; the name is how events spell them ("Liveness probe failed: ...").
namespace Kinet.Controllers.Nodes.Lifecycle;

public enum ProbeKind { Liveness, Readiness, Startup }
