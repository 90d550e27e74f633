// `kinet version`: like `kind version`, one line.
using System.CommandLine;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Kinet.Cli.Commands;

internal static class VersionCommand
{
    public static string Text()
    {
        var version = typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = version.IndexOf('+');
        if (plus >= 0 && version.Length > plus + 8) version = version[..(plus + 8)]; // keep a short commit id
        var arch = RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();
        return $"kinet v{version} dotnet{Environment.Version} linux/{arch}";
    }

    public static Command Create(CliEnvironment env)
    {
        var command = new Command("version", "Print the kinet version");
        command.SetAction(_ => { env.Out.WriteLine(Text()); return 0; });
        return command;
    }
}
