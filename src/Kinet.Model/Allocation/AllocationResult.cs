// The outcome of one allocation: the value handed out, or why not with the upstream error text (Go's err.Error()).
namespace Kinet.Model.Allocation;

public readonly record struct AllocationResult<T>(T Value, AllocationFailure Failure, string Error)
{
    public bool Succeeded => Failure == AllocationFailure.None;

    internal static AllocationResult<T> Ok(T value) => new(value, AllocationFailure.None, "");

    internal static AllocationResult<T> Fail(AllocationFailure failure, string error) => new(default!, failure, error);
}
