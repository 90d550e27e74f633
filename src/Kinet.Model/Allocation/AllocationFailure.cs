// Why an allocation was refused; the API maps NotInRange/AlreadyAllocated to a 422 and Full to a 500.
namespace Kinet.Model.Allocation;

public enum AllocationFailure { None, NotInRange, AlreadyAllocated, Full }
