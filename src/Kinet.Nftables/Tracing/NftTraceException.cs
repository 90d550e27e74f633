// Thrown when the tracer meets rule syntax it does not understand: tests must not silently pass over a rule.
namespace Kinet.Nftables.Tracing;

public sealed class NftTraceException(string message) : Exception(message);
