// One exec or attach session as the node agent runs it: the process's standard streams, its exit code and its terminal.
namespace Kinet.Api.Streams;

public interface IStreamSession : IAsyncDisposable
{
    /// <summary>The process's stdin; null when the session was started without stdin.</summary>
    Stream? Stdin { get; }

    /// <summary>The process's stdout (with a tty: the terminal's output); ends when the process and its children close it.</summary>
    Stream Stdout { get; }

    /// <summary>The process's stderr; null with a tty.</summary>
    Stream? Stderr { get; }

    /// <summary>Completes with the exit code when the process ends (128 + signal when killed by one, as a shell reports it).</summary>
    Task<int> ExitCode { get; }

    /// <summary>Sets the terminal's size; ignored without a tty.</summary>
    void Resize(ushort width, ushort height);

    /// <summary>Closes the process's stdin (the client's stdin reached end of file).</summary>
    void CloseStdin();
}
