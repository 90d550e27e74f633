// The CPU cost of one create in the API server, stage by stage (what bounds creates/s on two cores):
// decode (parse, type and unknown-field checks), defaults and create strategy, validation, managed fields, serialization.
using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Kinet.Api.Patching.Apply;
using Kinet.Api.Registry;
using Kinet.Api.Resources;

namespace Kinet.Bench.Api;

[MemoryDiagnoser]
public class CreatePipelineBenchmarks
{
    private static readonly ResourceInfo Pods = ResourceRegistry.Get("", "pods");
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(
        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p1\",\"namespace\":\"default\",\"labels\":{\"app\":\"web\"}}," +
        "\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"registry.example/web:1.2.3\",\"ports\":[{\"containerPort\":8080}]," +
        "\"resources\":{\"limits\":{\"cpu\":\"500m\",\"memory\":\"128Mi\"},\"requests\":{\"cpu\":\"250m\",\"memory\":\"64Mi\"}}}]}}");

    private JsonObject _decoded = null!;
    private JsonObject _prepared = null!;

    [GlobalSetup]
    public void Setup()
    {
        _decoded = Decode();
        _prepared = (JsonObject)_decoded.DeepClone();
        Strategy.PrepareForCreate(Pods, _prepared);
    }

    [Benchmark] public JsonObject Decode() => Kinet.Api.Decoding.BodyDecoder.Decode(Pods, Body, "application/json", Kinet.Api.Decoding.FieldValidation.Strict).Object;

    [Benchmark] public void DefaultsAndStrategy() => Strategy.PrepareForCreate(Pods, (JsonObject)_decoded.DeepClone());

    [Benchmark] public int Validate() => Kinet.Api.Validation.Validator.ValidateCreate(Pods, _prepared).Count;

    [Benchmark] public void ManagedFieldsOnCreate() => ManagedFields.RecordUpdate(Pods, null, (JsonObject)_prepared.DeepClone(), "kubectl", null, DateTimeOffset.UnixEpoch);

    [Benchmark] public byte[] Serialize() => ObjectRegistry.Serialize((JsonObject)_prepared.DeepClone(), 42);

    /// <summary>`pipeline [n]`: runs every stage n times in a loop, for a sampling profiler (dotnet-trace).</summary>
    public static int Loop(int n)
    {
        var b = new CreatePipelineBenchmarks();
        b.Setup();
        for (var i = 0; i < n; i++)
        {
            var obj = b.Decode();
            Strategy.PrepareForCreate(Pods, obj);
            Kinet.Api.Validation.Validator.ValidateCreate(Pods, obj);
            ManagedFields.RecordUpdate(Pods, null, obj, "kubectl", null, DateTimeOffset.UnixEpoch);
            ObjectRegistry.Serialize(obj, i);
        }
        return 0;
    }
}
