// Reads the host facts a Node reports (kubelet reads the same): architecture, CPUs, memory, disk, kernel, OS, boot id.
// The one place these files are read; Node objects themselves are built purely in Kinet.Model.
using System.Runtime.InteropServices;
using Kinet.Model.Cluster;

namespace Kinet.Cli.Composition;

internal static class HostFacts
{
    public static NodeHostInfo Read(string stateDirectory) => new()
    {
        Architecture = NodeHostInfo.GoArch(RuntimeInformation.OSArchitecture),
        CpuCount = Environment.ProcessorCount,
        MemoryKi = NodeHostInfo.MemoryKiFromMemInfo(ReadOrEmpty("/proc/meminfo")),
        EphemeralStorageKi = DiskKi(stateDirectory),
        KernelVersion = ReadOrEmpty("/proc/sys/kernel/osrelease").Trim() is { Length: > 0 } k ? k : Environment.OSVersion.Version.ToString(),
        OsImage = NodeHostInfo.OsImageFromOsRelease(ReadOrEmpty("/etc/os-release")),
        BootId = ReadOrEmpty("/proc/sys/kernel/random/boot_id").Trim(),
        KinetVersion = typeof(HostFacts).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
    };

    private static string ReadOrEmpty(string path)
    {
        try { return File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return ""; }
    }

    private static long DiskKi(string path)
    {
        try { return new DriveInfo(Path.GetFullPath(path)).TotalSize / 1024; }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException) { return 0; }
    }
}
