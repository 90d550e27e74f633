// One UDP receive loop with batched system calls (Linux): receive up to 32 queries, answer them, send the answers in
// one call. Only on Linux (the caller checks). A poll with a timeout between batches lets the
// loop notice that it should stop even if the socket is in non-blocking mode.
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using static Kinet.Dns.Serving.LinuxBatchedUdp;

namespace Kinet.Dns.Serving;

internal sealed unsafe class DnsBatchedUdpLoop
{
    private const int ReceiveSize = 4096;
    private const int AddressSize = 128;

    private readonly Socket _socket;
    private readonly DnsQueryHandler _handler;
    private readonly Action<string> _log;
    private readonly Func<bool> _stopping;
    private readonly Action<byte[], SocketAddress> _forward;

    public DnsBatchedUdpLoop(Socket socket, DnsQueryHandler handler, Action<string> log, Func<bool> stopping, Action<byte[], SocketAddress> forward)
    {
        _socket = socket;
        _handler = handler;
        _log = log;
        _stopping = stopping;
        _forward = forward;
    }

    public void Run()
    {
        var receive = GC.AllocateArray<byte>(Batch * ReceiveSize, pinned: true);
        var addresses = GC.AllocateArray<byte>(Batch * AddressSize, pinned: true);
        var send = new byte[Batch][];
        for (var i = 0; i < Batch; i++) send[i] = GC.AllocateArray<byte>(DnsQueryHandler.MaxMessage, pinned: true);
        var recvIov = GC.AllocateArray<IoVec>(Batch, pinned: true);
        var recvMsgs = GC.AllocateArray<MMsgHdr>(Batch, pinned: true);
        var sendIov = GC.AllocateArray<IoVec>(Batch, pinned: true);
        var sendMsgs = GC.AllocateArray<MMsgHdr>(Batch, pinned: true);
        var handleRef = false;
        var handle = _socket.SafeHandle;
        try
        {
            handle.DangerousAddRef(ref handleRef);
            var fd = (int)handle.DangerousGetHandle();
            fixed (byte* recvBase = receive, addrBase = addresses)
            fixed (IoVec* rIov = recvIov, sIov = sendIov)
            fixed (MMsgHdr* rMsgs = recvMsgs, sMsgs = sendMsgs)
            {
                for (var i = 0; i < Batch; i++)
                {
                    rIov[i].Base = recvBase + i * ReceiveSize;
                    rMsgs[i].Header.Iov = &rIov[i];
                    rMsgs[i].Header.IovLength = 1;
                    rMsgs[i].Header.Name = addrBase + i * AddressSize;
                    sMsgs[i].Header.Iov = &sIov[i];
                    sMsgs[i].Header.IovLength = 1;
                }
                var pfd = new PollFd { Fd = fd, Events = 1 /* POLLIN */ };
                var pout = new PollFd { Fd = fd, Events = 4 /* POLLOUT */ };
                while (!_stopping())
                {
                    for (var i = 0; i < Batch; i++)
                    {
                        rIov[i].Length = ReceiveSize;
                        rMsgs[i].Header.NameLength = AddressSize;
                        rMsgs[i].Header.Flags = 0;
                    }
                    var n = RecvMmsg(fd, rMsgs, Batch, MsgWaitForOne | 0x40 /* MSG_DONTWAIT */, null);
                    if (n <= 0)
                    {
                        var errno = Marshal.GetLastPInvokeError();
                        if (n < 0 && errno != EAGAIN && errno != EINTR) return; // closed
                        Poll(&pfd, 1, 250);
                        continue;
                    }
                    var k = 0;
                    for (var i = 0; i < n; i++)
                    {
                        try
                        {
                            var query = new ReadOnlySpan<byte>(recvBase + i * ReceiveSize, (int)rMsgs[i].Length);
                            switch (_handler.Handle(query, send[k], tcp: false, out var length))
                            {
                                case DnsOutcome.Respond:
                                    sIov[k].Base = Marshal.UnsafeAddrOfPinnedArrayElement(send[k], 0).ToPointer();
                                    sIov[k].Length = (nuint)length;
                                    sMsgs[k].Header.Name = rMsgs[i].Header.Name;
                                    sMsgs[k].Header.NameLength = rMsgs[i].Header.NameLength;
                                    k++;
                                    break;
                                case DnsOutcome.Forward:
                                    var from = new SocketAddress(_socket.AddressFamily, (int)rMsgs[i].Header.NameLength);
                                    new ReadOnlySpan<byte>(addrBase + i * AddressSize, from.Size).CopyTo(from.Buffer.Span);
                                    _forward(query.ToArray(), from);
                                    break;
                            }
                        }
                        catch (Exception e)
                        {
                            _log($"[ERROR] udp: {e.GetType().Name}: {e.Message}");
                        }
                    }
                    for (var sent = 0; sent < k;)
                    {
                        var m = SendMmsg(fd, sMsgs + sent, (uint)(k - sent), 0);
                        if (m > 0) sent += m;
                        else if (Marshal.GetLastPInvokeError() is EINTR or EAGAIN) Poll(&pout, 1, 10);
                        else sent++; // this datagram cannot be sent (e.g. an address we may not answer): skip it
                    }
                }
            }
        }
        finally
        {
            if (handleRef) handle.DangerousRelease();
        }
    }
}
