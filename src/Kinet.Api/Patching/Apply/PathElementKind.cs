// The four kinds of path step, in the order upstream sorts them (fields before keys before values before indices).
namespace Kinet.Api.Patching.Apply;

public enum PathElementKind { Field, Key, Value, Index }
