// The generic registry: create, update (with retry on conflicts), delete — kube-apiserver's genericregistry.Store,
// independent of HTTP so that in-process workers (namespace lifecycle) use the very same rules as clients.
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kinet.Api.Errors;
using Kinet.Api.Handlers;
using Kinet.Api.Integration;
using Kinet.Api.Resources;
using Kinet.Store;

namespace Kinet.Api.Registry;

public sealed record WriteResult(JsonObject Object, bool Created);

public sealed record DeleteResult(JsonObject Object, bool Deleted);

public sealed class ObjectRegistry(ApiContext api, ServiceAllocations? services = null)
{
    private const int MaxRetries = 16;

    public JsonObject GetObject(ResourceInfo r, string? ns, string name) =>
        api.Get(r, ns, name) is { } o ? ApiContext.Parse(o) : throw ApiException.NotFound(r.Group, r.Plural, name);

    /// <summary>Creates an object (POST). <paramref name="obj"/> has been decoded; it is owned by the registry from here.</summary>
    public async Task<JsonObject> CreateAsync(ResourceInfo r, string? urlNamespace, JsonObject obj, WriteOptions w, CancellationToken ct)
    {
        var meta = Meta.Metadata(obj);
        var ns = CheckNamespace(r, urlNamespace, obj);
        if (Meta.Str(meta["resourceVersion"]) is { Length: > 0 })
            throw ApiException.BadRequest("resourceVersion should not be set on objects to be created");
        var name = Meta.Name(obj);
        if (name.Length == 0 && Meta.Str(meta["generateName"]) is { Length: > 0 } prefix)
        {
            name = GenerateName(prefix);
            meta["name"] = name;
        }
        if (name.Length == 0)
            throw ApiException.Invalid(r.Group, r.Kind, "", [new FieldError(FieldErrorType.Required, "metadata.name", "name or generateName is required")]);
        if (r.Namespaced) EnsureNamespaceAccepts(r, ns, name);

        var now = api.Now;
        meta["uid"] = Guid.NewGuid().ToString();
        meta["creationTimestamp"] = Meta.Timestamp(now);
        meta.Remove("deletionTimestamp");
        meta.Remove("deletionGracePeriodSeconds");
        meta.Remove("selfLink");
        Strategy.PrepareForCreate(r, obj);
        var errors = Components.ValidateCreate(r, obj);
        if (errors.Count > 0) throw ApiException.Invalid(r.Group, r.Kind, name, errors);
        if (!w.IsApply) Components.RecordUpdate(r, null, obj, w.Manager, null, now);
        var undo = IsService(r) ? services!.AllocateForCreate(obj) : null;

        if (w.DryRun)
        {
            undo?.Invoke(); // a dry run reports allocation errors but holds nothing
            return obj;
        }
        try
        {
            await api.Store.CommitAsync(new Mutation(r.StoreKey, ns, name, MutationKind.Create)
            {
                Build = rev => Serialize(obj, rev),
            }, ct);
            // Build wrote the committed resourceVersion into obj: no need to parse the stored bytes back.
            return obj;
        }
        catch (StoreAlreadyExistsException)
        {
            undo?.Invoke();
            throw ApiException.AlreadyExists(r.Group, r.Plural, name);
        }
        catch
        {
            undo?.Invoke();
            throw;
        }
    }

    /// <summary>
    /// Read-modify-write with optimistic concurrency, as GuaranteedUpdate: <paramref name="compute"/> gets the current object
    /// (null if missing) and returns the desired one; a resourceVersion in the result is a precondition the caller chose.
    /// Missing objects are created when <paramref name="createIfMissing"/>.
    /// </summary>
    public async Task<WriteResult> UpdateAsync(ResourceInfo r, string? ns, string name, string? subresource, WriteOptions w,
        Func<JsonObject?, JsonObject> compute, bool createIfMissing, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var current = api.Get(r, ns, name);
            var currentObj = current is null ? null : ApiContext.Parse(current);
            var desired = compute(currentObj?.DeepClone().AsObject());
            CheckIdentity(r, ns, name, desired);
            if (currentObj is null)
            {
                if (!createIfMissing) throw ApiException.NotFound(r.Group, r.Plural, name);
                Meta.Metadata(desired).Remove("resourceVersion");
                return new WriteResult(await CreateAsync(r, ns, desired, w, ct), true);
            }

            var userRv = Meta.ResourceVersion(desired);
            if (userRv is { Length: > 0 } && userRv != Meta.ResourceVersion(currentObj))
                throw ApiException.Conflict(r.Group, r.Plural, name);

            JsonObject next;
            if (subresource == "status") next = Strategy.PrepareForStatusUpdate(r, desired, currentObj);
            else if (subresource == "finalize") next = Strategy.PrepareForFinalize(desired, currentObj);
            else
            {
                next = desired;
                Strategy.PrepareForUpdate(r, next, currentObj);
            }
            CarrySystemMetadata(next, currentObj);
            // A binding sets spec.nodeName, which a pod update may not change: like a status write, only metadata rules apply.
            var errors = subresource is "status" or "binding" ? Components.ValidateStatusUpdate(r, next, currentObj) : Components.ValidateUpdate(r, next, currentObj);
            if (errors.Count > 0) throw ApiException.Invalid(r.Group, r.Kind, name, errors);

            if (SameIgnoringVolatile(next, currentObj)) return new WriteResult(currentObj, false);
            if (!w.IsApply) Components.RecordUpdate(r, currentObj, next, w.Manager, subresource, api.Now);

            // An object being deleted whose last finalizer was just removed goes away now.
            var finishDeletion = ShouldDeleteDuringUpdate(r, next);
            var undo = IsService(r) && !finishDeletion ? services!.AllocateForUpdate(next, currentObj) : null;
            if (w.DryRun)
            {
                undo?.Invoke();
                return new WriteResult(next, false);
            }
            try
            {
                await api.Store.CommitAsync(new Mutation(r.StoreKey, ns ?? "", name,
                    finishDeletion ? MutationKind.Delete : MutationKind.Update)
                {
                    ExpectedRevision = current!.Revision,
                    Build = rev => Serialize(next, rev),
                }, ct);
                if (finishDeletion && IsService(r)) services!.Release(currentObj);
                return new WriteResult(next, false); // as in CreateAsync, next carries the committed resourceVersion
            }
            catch (StoreConflictException) when (userRv is not { Length: > 0 } && attempt < MaxRetries)
            {
                // Someone else wrote in between; recompute from the new state, as GuaranteedUpdate does.
                undo?.Invoke();
            }
            catch (StoreConflictException)
            {
                undo?.Invoke();
                throw ApiException.Conflict(r.Group, r.Plural, name);
            }
            catch (StoreNotFoundException)
            {
                undo?.Invoke();
                throw ApiException.NotFound(r.Group, r.Plural, name);
            }
            catch
            {
                undo?.Invoke();
                throw;
            }
        }
    }

    /// <summary>pods/binding: the scheduler's way of setting spec.nodeName, once (409 when the pod is already bound).</summary>
    public Task BindAsync(string ns, string pod, string node, WriteOptions w, CancellationToken ct)
    {
        var pods = Resources.ResourceRegistry.Get("", "pods");
        return UpdateAsync(pods with { Subresources = [] }, ns, pod, "binding", w, live =>
        {
            if (live is null) throw ApiException.NotFound("", "pods", pod);
            if (Meta.Str(live["spec"]?["nodeName"]) is { Length: > 0 } existing)
                throw ApiException.Conflict("", "pods", pod, $"pod {pod} is already assigned to node \"{existing}\"");
            ((JsonObject)live["spec"]!)["nodeName"] = node;
            SetPodScheduled(live);
            return live;
        }, createIfMissing: false, ct);
    }

    // The binding also records PodScheduled=True (podutil.UpdatePodCondition: the transition time moves only with the status).
    private void SetPodScheduled(JsonObject pod)
    {
        if (pod["status"] is not JsonObject status) pod["status"] = status = new JsonObject();
        if (status["conditions"] is not JsonArray conditions) status["conditions"] = conditions = new JsonArray();
        var old = conditions.OfType<JsonObject>().FirstOrDefault(c => Meta.Str(c["type"]) == "PodScheduled");
        if (old is not null && Meta.Str(old["status"]) == "True") return;
        var condition = new JsonObject
        {
            ["type"] = "PodScheduled", ["status"] = "True", ["lastProbeTime"] = null, ["lastTransitionTime"] = Meta.Timestamp(api.Now),
        };
        if (old is null) conditions.Add(condition);
        else conditions[conditions.IndexOf(old)] = condition;
    }

    /// <summary>Deletes an object: at once, or by marking it (graceful pods, finalizers, namespaces).</summary>
    public async Task<DeleteResult> DeleteAsync(ResourceInfo r, string? ns, string name, DeleteOptions o, CancellationToken ct)
    {
        DeletionPropagation.Validate(o); // the DELETE handler validates the options before anything is read
        for (var attempt = 0; ; attempt++)
        {
            var current = api.Get(r, ns, name) ?? throw ApiException.NotFound(r.Group, r.Plural, name);
            var obj = ApiContext.Parse(current);
            if (o.PreconditionUid is { } uid && uid != Meta.Uid(obj))
                throw ApiException.Conflict(r.Group, r.Plural, name,
                    $"Precondition failed: UID in precondition: {uid}, UID in object meta: {Meta.Uid(obj)}");
            if (o.PreconditionResourceVersion is { } prv && prv != Meta.ResourceVersion(obj))
                throw ApiException.Conflict(r.Group, r.Plural, name,
                    $"Precondition failed: ResourceVersion in precondition: {prv}, ResourceVersion in object meta: {Meta.ResourceVersion(obj)}");
            if (r.Plural == "namespaces" && name is "default" or "kube-system" or "kube-public")
                throw new ApiException(403, "Forbidden", $"namespaces \"{name}\" is forbidden: this namespace may not be deleted",
                    new JsonObject { ["name"] = name, ["kind"] = "namespaces" });

            var mark = MarkForDeletion(r, obj, o);
            if (o.DryRun) return new DeleteResult(mark ?? obj, mark is null);
            try
            {
                if (mark is not null)
                {
                    if (JsonNode.DeepEquals(mark, obj)) return new DeleteResult(obj, false);
                    var updated = await api.Store.CommitAsync(new Mutation(r.StoreKey, ns ?? "", name, MutationKind.Update)
                    {
                        ExpectedRevision = current.Revision,
                        Build = rev => Serialize(mark, rev),
                    }, ct);
                    return new DeleteResult(ApiContext.Parse(updated), false);
                }
                var deleted = await api.Store.CommitAsync(new Mutation(r.StoreKey, ns ?? "", name, MutationKind.Delete)
                {
                    ExpectedRevision = current.Revision,
                    Build = rev => Serialize(obj, rev),
                }, ct);
                if (IsService(r)) services!.Release(obj);
                return new DeleteResult(ApiContext.Parse(deleted), true);
            }
            catch (StoreConflictException) when (attempt < MaxRetries) { }
            catch (StoreNotFoundException) { throw ApiException.NotFound(r.Group, r.Plural, name); }
        }
    }

    private bool IsService(ResourceInfo r) => services is not null && r.Group.Length == 0 && r.Plural == "services";

    /// <summary>
    /// rest.ShouldDeleteDuringUpdate: an object marked for deletion with no grace left whose last finalizer is gone
    /// (for namespaces: also the spec finalizers) is deleted by the update that removed it.
    /// </summary>
    private static bool ShouldDeleteDuringUpdate(ResourceInfo r, JsonObject obj)
    {
        if (!Meta.IsDeleting(obj) || Meta.Finalizers(obj).Count > 0) return false;
        var grace = obj["metadata"]?["deletionGracePeriodSeconds"] is JsonValue v && v.TryGetValue<long>(out var g) ? g : 0;
        if (grace != 0) return false;
        return r.Plural != "namespaces" || (obj["spec"]?["finalizers"] as JsonArray)?.Count is null or 0;
    }

    /// <summary>
    /// The object marked for deletion, or null when it should go at once: the generic store's Delete with rest.BeforeDelete
    /// (graceful pods), the garbage collector's finalizers from the propagation policy, and markAsDeleting for objects that
    /// stay because of finalizers. An unchanged object means a graceful deletion is already under way.
    /// </summary>
    private JsonObject? MarkForDeletion(ResourceInfo r, JsonObject obj, DeleteOptions o)
    {
        var now = api.Now;
        var m = obj.DeepClone().AsObject();
        var meta = Meta.Metadata(m);
        if (r.Plural == "namespaces")
        {
            if (!Meta.IsDeleting(obj))
            {
                meta["deletionTimestamp"] = Meta.Timestamp(now);
                // Only the first delete of a namespace sets the propagation finalizers (namespace REST Delete).
                if (DeletionPropagation.FinalizersAfterDelete(r, m, o) is { } nsFinalizers) DeletionPropagation.SetFinalizers(m, nsFinalizers);
            }
            meta["deletionGracePeriodSeconds"] = 0;
            m["status"] = new JsonObject { ["phase"] = "Terminating" };
            return (m["spec"]?["finalizers"] as JsonArray)?.Count > 0 || Meta.Finalizers(m).Count > 0 ? m : null;
        }

        var (graceful, pendingGraceful, lastGrace) = BeforeDelete(r, m, o, now);
        // Finalizers cannot be changed through DeleteOptions while a graceful deletion is pending.
        if (pendingGraceful) return obj;
        if (DeletionPropagation.FinalizersAfterDelete(r, m, o) is { } finalizers) DeletionPropagation.SetFinalizers(m, finalizers);
        var pendingFinalizers = Meta.Finalizers(m).Count > 0;
        if (!graceful)
        {
            if (!pendingFinalizers) return null;
            MarkAsDeleting(m, now);
            return m;
        }
        return pendingFinalizers || lastGrace > 0 ? m : null;
    }

    /// <summary>
    /// rest.BeforeDelete for the one resource with graceful deletion, pods: sets deletionTimestamp and the grace period
    /// (graceful), or finds a pending graceful deletion that this request would not shorten (pendingGraceful).
    /// </summary>
    private static (bool Graceful, bool PendingGraceful, long Grace) BeforeDelete(ResourceInfo r, JsonObject m, DeleteOptions o, DateTimeOffset now)
    {
        var meta = Meta.Metadata(m);
        var requested = o.GracePeriodSeconds is < 0 ? 1 : o.GracePeriodSeconds; // negative means 1s on the delete path
        var existing = meta["deletionGracePeriodSeconds"] is JsonValue v && v.TryGetValue<long>(out var e) ? e : (long?)null;
        if (existing < 0)
        {
            existing = 1;
            meta["deletionGracePeriodSeconds"] = 1;
        }
        if (r.Group.Length != 0 || r.Plural != "pods") return (false, false, 0);
        if (Meta.IsDeleting(m))
        {
            // A deletion whose grace is already 0 (left over from a failed delete) goes on at once.
            if (existing is null or 0) return (false, false, 0);
            if (requested is not long period) return (false, true, 0);
            if (period >= existing) return (false, true, 0); // a grace period may only be shortened
            var started = ParseTime(Meta.Str(meta["deletionTimestamp"])).AddSeconds(-existing.Value);
            meta["deletionTimestamp"] = Meta.Timestamp(started.AddSeconds(period));
            meta["deletionGracePeriodSeconds"] = period;
            return (true, false, period);
        }
        var grace = PodGracePeriod(m, requested);
        meta["deletionTimestamp"] = Meta.Timestamp(now.AddSeconds(grace));
        meta["deletionGracePeriodSeconds"] = grace;
        BumpGeneration(meta);
        return (true, false, grace);
    }

    /// <summary>markAsDeleting: an object kept by finalizers is deleting from now, with no grace left.</summary>
    private static void MarkAsDeleting(JsonObject m, DateTimeOffset now)
    {
        var meta = Meta.Metadata(m);
        if (!Meta.IsDeleting(m)) BumpGeneration(meta);
        if (!Meta.IsDeleting(m) || ParseTime(Meta.Str(meta["deletionTimestamp"])) > now) meta["deletionTimestamp"] = Meta.Timestamp(now);
        meta["deletionGracePeriodSeconds"] = 0;
    }

    private static void BumpGeneration(JsonObject meta)
    {
        if (meta["generation"] is JsonValue g && g.TryGetValue<long>(out var generation) && generation > 0) meta["generation"] = generation + 1;
    }

    private static DateTimeOffset ParseTime(string? s) =>
        DateTimeOffset.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var t)
            ? t : DateTimeOffset.MinValue;

    /// <summary>The pod strategy's CheckGracefulDelete.</summary>
    private static long PodGracePeriod(JsonObject pod, long? requested)
    {
        // Unscheduled and finished pods go at once.
        var nodeName = Meta.Str(pod["spec"]?["nodeName"]);
        var phase = Meta.Str(pod["status"]?["phase"]);
        if (string.IsNullOrEmpty(nodeName) || phase is "Succeeded" or "Failed") return 0;
        var period = requested ?? (pod["spec"]?["terminationGracePeriodSeconds"] is JsonValue v && v.TryGetValue<long>(out var t) ? t : 0);
        return period < 0 ? 1 : period;
    }

    private string CheckNamespace(ResourceInfo r, string? urlNamespace, JsonObject obj)
    {
        var meta = Meta.Metadata(obj);
        var bodyNs = Meta.Str(meta["namespace"]);
        if (!r.Namespaced)
        {
            meta.Remove("namespace");
            return "";
        }
        var ns = urlNamespace ?? "";
        if (bodyNs is { Length: > 0 } && ns.Length > 0 && bodyNs != ns)
            throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        if (ns.Length == 0) ns = bodyNs ?? "";
        if (ns.Length == 0) throw ApiException.BadRequest("the namespace of the object is required");
        meta["namespace"] = ns;
        return ns;
    }

    private void EnsureNamespaceAccepts(ResourceInfo r, string ns, string name)
    {
        if (!api.NamespaceExists(ns, out var terminating))
            throw ApiException.NotFound("", "namespaces", ns);
        if (terminating)
            throw new ApiException(403, "Forbidden",
                $"{r.QualifiedName} \"{name}\" is forbidden: unable to create new content in namespace {ns} because it is being terminated",
                new JsonObject { ["name"] = name, ["kind"] = r.Plural });
    }

    private static void CheckIdentity(ResourceInfo r, string? ns, string name, JsonObject obj)
    {
        var meta = Meta.Metadata(obj);
        var bodyName = Meta.Str(meta["name"]);
        if (bodyName is { Length: > 0 } && bodyName != name)
            throw ApiException.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        meta["name"] = name;
        if (r.Namespaced)
        {
            var bodyNs = Meta.Str(meta["namespace"]);
            if (bodyNs is { Length: > 0 } && bodyNs != ns)
                throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            meta["namespace"] = ns;
        }
        else meta.Remove("namespace");
    }

    /// <summary>Fields a client cannot change on update (rest.FillObjectMetaSystemFields / BeforeUpdate).</summary>
    private static void CarrySystemMetadata(JsonObject next, JsonObject current)
    {
        var m = Meta.Metadata(next);
        var c = Meta.Metadata(current);
        foreach (var key in new[] { "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds" })
        {
            if (c[key] is JsonNode v) m[key] = v.DeepClone();
            else m.Remove(key);
        }
        m.Remove("selfLink");
        m["resourceVersion"] = Meta.ResourceVersion(current);
    }

    /// <summary>Equal but for metadata.managedFields (whose timestamps change on every write); compares in place, no copies.</summary>
    private static bool SameIgnoringVolatile(JsonObject a, JsonObject b)
    {
        if (a.Count != b.Count) return false;
        foreach (var (key, value) in a)
        {
            if (!b.TryGetPropertyValue(key, out var other)) return false;
            if (key == "metadata" && value is JsonObject ma && other is JsonObject mb)
            {
                var countA = ma.Count - (ma.ContainsKey("managedFields") ? 1 : 0);
                var countB = mb.Count - (mb.ContainsKey("managedFields") ? 1 : 0);
                if (countA != countB) return false;
                foreach (var (mk, mv) in ma)
                    if (mk != "managedFields" && (!mb.TryGetPropertyValue(mk, out var mo) || !JsonNode.DeepEquals(mv, mo))) return false;
            }
            else if (!JsonNode.DeepEquals(value, other)) return false;
        }
        return true;
    }

    /// <summary>The stored form: the object with its resourceVersion set to the write's revision.</summary>
    public static byte[] Serialize(JsonObject obj, long revision)
    {
        Meta.Metadata(obj)["resourceVersion"] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return JsonSerializer.SerializeToUtf8Bytes(obj, Http.Json.Options);
    }

    private static string GenerateName(string prefix)
    {
        // Same alphabet and length as apiserver's names.SimpleNameGenerator (no vowels, so no words).
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        if (prefix.Length > 58) prefix = prefix[..58];
        Span<char> s = stackalloc char[5];
        for (var i = 0; i < 5; i++) s[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        return prefix + new string(s);
    }
}
