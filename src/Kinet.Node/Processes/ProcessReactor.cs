// One thread for every container's I/O and exits: an epoll loop over the pipes and pty masters that carry container
// output, the pidfds of the processes Kinet started, and stdin descriptors waiting to become writable. No thread is
// blocked per container (1,000 pods would otherwise park 2,000 thread-pool threads in read(2)). Handlers run on the
// reactor thread and must not block: they read what is there, append to a log file and hand bytes to channels.
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Kinet.Node.Native;

namespace Kinet.Node.Processes;

internal sealed unsafe class ProcessReactor
{
    public static ProcessReactor Shared { get; } = new();

    private readonly int _epoll;
    private readonly int _wake;
    private readonly ConcurrentDictionary<long, Action<uint>> _handlers = new();
    private readonly ConcurrentQueue<Action> _posted = new();
    private long _nextToken = 1;

    private ProcessReactor()
    {
        _epoll = ProcessNative.epoll_create1(ProcessNative.O_CLOEXEC);
        _wake = ProcessNative.eventfd(0, ProcessNative.O_CLOEXEC | ProcessNative.O_NONBLOCK);
        if (_epoll < 0 || _wake < 0) throw new IOException($"epoll/eventfd failed: errno {Marshal.GetLastPInvokeError()}");
        Control(ProcessNative.EPOLL_CTL_ADD, _wake, ProcessNative.EPOLLIN, 0);
        new Thread(Loop) { IsBackground = true, Name = "kinet-process-reactor" }.Start();
    }

    /// <summary>A token for <see cref="Add"/>, taken first so a handler that fires at once can already remove itself.</summary>
    public long NewToken() => Interlocked.Increment(ref _nextToken);

    /// <summary>Watches <paramref name="fd"/> for <paramref name="events"/> under <paramref name="token"/>.</summary>
    public void Add(int fd, uint events, long token, Action<uint> handler)
    {
        _handlers[token] = handler;
        Control(ProcessNative.EPOLL_CTL_ADD, fd, events, token);
    }

    public void Modify(int fd, uint events, long token) => Control(ProcessNative.EPOLL_CTL_MOD, fd, events, token);

    /// <summary>Stops watching; the caller closes the descriptor afterwards.</summary>
    public void Remove(int fd, long token)
    {
        _handlers.TryRemove(token, out _);
        ProcessNative.epoll_ctl(_epoll, ProcessNative.EPOLL_CTL_DEL, fd, null);
    }

    /// <summary>Runs <paramref name="action"/> on the reactor thread (so it is ordered with the handlers).</summary>
    public void Post(Action action)
    {
        _posted.Enqueue(action);
        ulong one = 1;
        ProcessNative.write(_wake, (byte*)&one, 8);
    }

    private void Control(int op, int fd, uint events, long token)
    {
        byte* ev = stackalloc byte[16];
        *(uint*)ev = events;
        *(long*)(ev + ProcessNative.EpollDataOffset) = token;
        if (ProcessNative.epoll_ctl(_epoll, op, fd, ev) != 0)
            throw new IOException($"epoll_ctl({op}) on fd {fd} failed: errno {Marshal.GetLastPInvokeError()}");
    }

    private void Loop()
    {
        const int Max = 256;
        var size = ProcessNative.EpollEventSize;
        var buffer = new byte[Max * size];
        fixed (byte* events = buffer)
        {
            while (true)
            {
                var n = ProcessNative.epoll_wait(_epoll, events, Max, -1);
                if (n < 0) continue; // EINTR
                for (var i = 0; i < n; i++)
                {
                    var ev = events + i * size;
                    var mask = *(uint*)ev;
                    var token = *(long*)(ev + ProcessNative.EpollDataOffset);
                    if (token == 0) { DrainWake(); continue; }
                    if (!_handlers.TryGetValue(token, out var handler)) continue;
                    try { handler(mask); }
                    catch (Exception e) { Console.Error.WriteLine($"kinet: process reactor handler failed: {e}"); }
                }
            }
        }
    }

    private void DrainWake()
    {
        ulong value;
        ProcessNative.read(_wake, (byte*)&value, 8);
        while (_posted.TryDequeue(out var action))
        {
            try { action(); }
            catch (Exception e) { Console.Error.WriteLine($"kinet: process reactor action failed: {e}"); }
        }
    }
}
