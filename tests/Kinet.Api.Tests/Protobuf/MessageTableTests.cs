// The descriptor table is complete and consistent: every reference resolves and every served kind can be decoded.
using Kinet.Api.Protobuf;
using Kinet.Api.Protobuf.Schema;
using Kinet.Api.Resources;

namespace Kinet.Api.Tests.Protobuf;

public class MessageTableTests
{
    [Fact]
    public void Every_message_a_field_refers_to_is_in_the_table()
    {
        var missing = MessageTable.All
            .SelectMany(m => m.Fields.Where(f => f.Type == FieldType.Message).Select(f => (m.Name, f.JsonName, f.Message)))
            .Where(r => r.Message is null || MessageTable.TryGet(r.Message) is null)
            .ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void Field_numbers_are_unique_and_only_inline_fields_lack_a_json_name()
    {
        foreach (var message in MessageTable.All)
        {
            Assert.Equal(message.Fields.Count, message.Fields.Select(f => f.Number).Distinct().Count());
            Assert.All(message.Fields, f => Assert.Equal(f.IsInline, f.JsonName.Length == 0));
            Assert.All(message.Fields.Where(f => f.IsInline), f => Assert.Equal(FieldType.Message, f.Type));
        }
    }

    [Fact]
    public void Every_served_resource_kind_has_a_top_level_message()
    {
        foreach (var resource in ResourceRegistry.Resources)
        {
            Assert.True(MessageTable.FindKind(resource.ApiVersion, resource.Kind) is not null, $"{resource.ApiVersion} {resource.Kind}");
        }
    }

    [Fact]
    public void Every_top_level_kind_decodes_an_empty_object_to_just_its_type()
    {
        foreach (var (apiVersion, kind) in MessageTable.TopLevelKinds)
        {
            var decoded = ProtobufDecoder.Decode(ProtoWriter.Body(apiVersion, kind, _ => { }));
            JsonAssert.Equal($$"""{"kind":"{{kind}}","apiVersion":"{{apiVersion}}"}""", decoded);
        }
    }

    [Fact]
    public void A_kind_of_another_group_version_is_not_mistaken_for_a_served_one()
    {
        Assert.Null(MessageTable.FindKind("apps/v1beta1", "Deployment"));
        Assert.Null(MessageTable.FindKind("v1", "Deployment"));
    }
}
