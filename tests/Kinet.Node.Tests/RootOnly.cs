// Host tests need root on Linux (CI runs as root); without it they fail with this message rather than pass vacuously.
namespace Kinet.Node.Tests;

internal static class RootOnly
{
    public static void Require()
    {
        Assert.True(OperatingSystem.IsLinux() && Environment.UserName == "root",
            "Kinet.Node tests touch the kernel: run them as root on Linux (as CI does).");
    }
}
