// Progress of a multi-step command, in kind's style: on a terminal a step shows " • doing it ..." and is redrawn as
// " ✓ doing it" (or " ✗") when done; otherwise each state is a plain line, so logs stay readable.
namespace Kinet.Cli.Output;

internal sealed class Progress(TextWriter output, bool interactive)
{
    public async Task<T> StepAsync<T>(string title, Func<Task<T>> work)
    {
        output.Write(interactive ? $" • {title} ..." : $" • {title} ...\n");
        output.Flush();
        try
        {
            var result = await work();
            output.Write(interactive ? $"\r\x1b[2K ✓ {title}\n" : $" ✓ {title}\n");
            return result;
        }
        catch
        {
            output.Write(interactive ? $"\r\x1b[2K ✗ {title}\n" : $" ✗ {title}\n");
            throw;
        }
        finally { output.Flush(); }
    }

    public Task StepAsync(string title, Action work) => StepAsync(title, () => { work(); return Task.FromResult(0); });
}
