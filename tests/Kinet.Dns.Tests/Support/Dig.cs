// Runs the real `dig` (installed on the machine) against a server on loopback and returns its output.
using System.Diagnostics;

namespace Kinet.Dns.Tests.Support;

internal static class Dig
{
    public static async Task<string> RunAsync(int port, params string[] args)
    {
        var psi = new ProcessStartInfo("dig") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])["@127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "+time=2", "+tries=1", .. args])
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return await stdout + await stderr;
    }
}
