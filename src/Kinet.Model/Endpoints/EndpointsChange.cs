// What the Endpoints controller decided for one Service's core/v1 Endpoints.
using System.Text.Json.Nodes;

namespace Kinet.Model.Endpoints;

public enum EndpointsAction { None, Create, Update }

/// <param name="Action">None: leave it (also for Services without a selector, whose Endpoints belong to the user).</param>
/// <param name="Desired">The object to create or to replace the current one with (a copy of it, keeping its metadata); null when there is nothing to manage.</param>
public sealed record EndpointsChange(EndpointsAction Action, JsonObject? Desired);
