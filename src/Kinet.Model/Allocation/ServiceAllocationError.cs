// One refused Service allocation, ready for the API: a 422 field cause (Field, BadValue, Detail) or, when
// Internal, a 500 InternalError whose message is Detail.
namespace Kinet.Model.Allocation;

public sealed record ServiceAllocationError(string Field, object? BadValue, string Detail, bool Internal = false);
