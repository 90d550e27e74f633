// How a container whose program cannot be started shows in its status with containerd and runc, for the agent to
// report: the last state Terminated with reason StartError, exit code 128 and the runtime's message (the container
// then waits in RunContainerError / CrashLoopBackOff as the kubelet backs off).
namespace Kinet.Controllers.Nodes.Plans;

public sealed record ContainerStartError(string Reason, string Message, int ExitCode);

public static class ContainerStartErrors
{
    public const string StartError = "StartError";
    public const string RunContainerError = "RunContainerError";

    private const string Prefix = "failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ";

    /// <summary>argv[0] found neither as a path nor on PATH.</summary>
    public static ContainerStartError ExecNotFound(string program) => Fail(program.Contains('/')
        ? $"exec: \"{program}\": stat {program}: no such file or directory"
        : $"exec: \"{program}\": executable file not found in $PATH");

    /// <summary>argv[0] exists but cannot be executed (a directory, no x bit).</summary>
    public static ContainerStartError ExecPermissionDenied(string program) => Fail($"exec: \"{program}\": permission denied");

    /// <summary>The working directory does not exist in the container.</summary>
    public static ContainerStartError NoWorkingDir(string dir) =>
        Fail($"error during container init: chdir to cwd (\"{dir}\") set in config.json failed: no such file or directory");

    private static ContainerStartError Fail(string detail) => new(StartError, Prefix + detail + ": unknown", 128);
}
