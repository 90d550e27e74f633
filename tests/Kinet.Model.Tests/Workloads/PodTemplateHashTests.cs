// pod-template-hash and workload names: upstream's form (safe alphabet, decimal of a 32-bit hash), stable, order-insensitive.
using System.Text.Json.Nodes;
using Kinet.Model.Workloads;

namespace Kinet.Model.Tests.Workloads;

public class PodTemplateHashTests
{
    private static JsonObject Template(string image) => JsonNode.Parse(
        $$$"""{"metadata":{"labels":{"app":"frontend","tier":"web"}},"spec":{"containers":[{"name":"web","image":"{{{image}}}"}]}}""")!.AsObject();

    [Fact]
    public void The_hash_uses_only_the_safe_alphabet_and_at_most_ten_characters()
    {
        var h = PodTemplateHash.Compute(Template("nginx:1.25"));
        Assert.InRange(h.Length, 1, 10);
        Assert.All(h, c => Assert.Contains(c, SafeEncoding.Alphabet));
    }

    [Fact]
    public void Key_order_does_not_change_the_hash_but_content_and_collision_count_do()
    {
        var reordered = JsonNode.Parse(
            """{"spec":{"containers":[{"image":"nginx:1.25","name":"web"}]},"metadata":{"labels":{"tier":"web","app":"frontend"}}}""")!.AsObject();
        Assert.Equal(PodTemplateHash.Compute(Template("nginx:1.25")), PodTemplateHash.Compute(reordered));
        Assert.NotEqual(PodTemplateHash.Compute(Template("nginx:1.25")), PodTemplateHash.Compute(Template("nginx:1.26")));
        Assert.NotEqual(PodTemplateHash.Compute(Template("nginx:1.25")), PodTemplateHash.Compute(Template("nginx:1.25"), 1));
    }

    [Fact]
    public void Safe_encoding_maps_each_character_by_its_code_modulo_27()
    {
        const string input = "0123456789";
        var encoded = SafeEncoding.Encode(input);
        for (var i = 0; i < input.Length; i++) Assert.Equal(SafeEncoding.Alphabet[input[i] % 27], encoded[i]);
        Assert.Equal("456789bcdf", encoded);
    }

    [Fact]
    public void Pods_are_named_after_their_replica_set_with_five_safe_characters()
    {
        var name = WorkloadNames.Pod(WorkloadNames.ReplicaSet("frontend", "6f4d85b5c9"), new Random(7));
        Assert.Matches("^frontend-6f4d85b5c9-[bcdfghjklmnpqrstvwxz2456789]{5}$", name);
    }

    [Fact]
    public void A_long_generate_name_is_cut_so_the_name_fits_63_characters()
    {
        var name = WorkloadNames.Generate(new string('a', 70) + "-", new Random(1));
        Assert.Equal(63, name.Length);
        Assert.StartsWith(new string('a', 58), name);
    }
}
