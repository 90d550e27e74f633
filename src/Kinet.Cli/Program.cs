// Entry point of the kinet executable: hands the arguments to the command tree with the process's real environment.
namespace Kinet.Cli;

internal static class Program
{
    private static Task<int> Main(string[] args) => CliApp.RunAsync(args, CliEnvironment.FromProcess());
}
