// One manager's fields: the set, the apiVersion it was written at, whether it came from Apply, and when it last changed.
namespace Kinet.Api.Patching.Apply;

public sealed record ManagedSet(FieldSet Set, string ApiVersion, bool Applied, DateTimeOffset? Time = null);
