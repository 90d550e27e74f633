// What every controller gets: the client it writes through, the shared informers it reads from, the event recorder,
// a log, and the clock (a fake one in tests).
using Kinet.Controllers.Client;
using Kinet.Controllers.Events;

namespace Kinet.Controllers.Runtime;

public sealed record ControllerContext(IObjectClient Client, SharedInformers Informers, EventRecorder Events, Action<string> Log, TimeProvider Clock)
{
    public static ControllerContext Create(IObjectClient client, Action<string>? log = null, TimeProvider? clock = null)
    {
        var l = log ?? (_ => { });
        var c = clock ?? TimeProvider.System;
        return new ControllerContext(client, new SharedInformers(client), new EventRecorder(client, c, l), l, c);
    }
}
