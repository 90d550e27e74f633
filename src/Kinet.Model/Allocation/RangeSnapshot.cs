// The saved state of one allocator, like upstream's RangeAllocation (Range + Data): enough to rebuild it exactly.
namespace Kinet.Model.Allocation;

/// <param name="Range">The allocator's range as text ("10.96.0.0/12", "30000-32767"); Restore refuses another.</param>
/// <param name="Data">One bit per offset, offset i at bit (i % 8) of byte i / 8.</param>
/// <param name="Cursor">The round-robin position (last allocated offset), -1 for strategies without one.</param>
public sealed record RangeSnapshot(string Range, byte[] Data, int Cursor = -1);
