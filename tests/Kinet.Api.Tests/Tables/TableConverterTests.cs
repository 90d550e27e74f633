// The Table envelope kubectl decodes: kind and apiVersion, list metadata, headers, and what each row's object holds.
using System.Text.Json.Nodes;
using Kinet.Api.Resources;
using Kinet.Api.Tables;
using static Kinet.Api.Tests.Tables.TableTestKit;

namespace Kinet.Api.Tests.Tables;

public class TableConverterTests
{
    private static readonly ResourceInfo Pods = ResourceRegistry.Get("", "pods");

    private static JsonObject StoredPod() => Parse("""
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p1","namespace":"default","uid":"u1","resourceVersion":"5",
         "creationTimestamp":"2025-01-01T12:00:00Z","labels":{"app":"x"},"managedFields":[{"manager":"kubectl"}]},
         "spec":{"containers":[{"name":"c","image":"nginx"}]},"status":{"phase":"Pending"}}
        """);

    [Fact]
    public void A_table_is_a_meta_v1_Table_with_list_metadata()
    {
        var table = TableConverter.ToTable(Pods, [StoredPod()], new TableOptions { ResourceVersion = "100", Continue = "abc", RemainingItemCount = 3 }, Now);
        Assert.Equal("""{"resourceVersion":"100","continue":"abc","remainingItemCount":3}""", table["metadata"]!.ToJsonString());
        Assert.Equal(("Table", "meta.k8s.io/v1"), ((string)table["kind"]!, (string)table["apiVersion"]!));
    }

    [Fact]
    public void Empty_list_metadata_is_left_out_like_Go_omitempty() =>
        Assert.Equal("{}", TableConverter.ToTable(Pods, [], new TableOptions(), Now)["metadata"]!.ToJsonString());

    [Fact]
    public void Column_definitions_carry_name_type_format_description_and_priority()
    {
        var columns = TableConverter.ToTable(Pods, [], new TableOptions(), Now)["columnDefinitions"]!.AsArray();
        var name = columns[0]!.AsObject();
        Assert.Equal(["name", "type", "format", "description", "priority"], name.Select(p => p.Key));
        Assert.Equal(("Name", "string", "name", 0), ((string)name["name"]!, (string)name["type"]!, (string)name["format"]!, (int)name["priority"]!));
        Assert.Equal(("IP", 1), ((string)columns[5]!["name"]!, (int)columns[5]!["priority"]!));
    }

    [Fact]
    public void Without_headers_the_column_definitions_are_null()
    {
        var table = TableConverter.ToTable(Pods, [StoredPod()], new TableOptions { NoHeaders = true }, Now);
        Assert.True(table.ContainsKey("columnDefinitions"));
        Assert.Null(table["columnDefinitions"]);
        Assert.Single(table["rows"]!.AsArray());
    }

    [Fact]
    public void By_default_rows_carry_partial_object_metadata_without_managed_fields()
    {
        var row = TableConverter.ToTable(Pods, [StoredPod()], new TableOptions(), Now)["rows"]![0]!;
        Assert.Equal(
            """{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":{"name":"p1","namespace":"default","uid":"u1","resourceVersion":"5","creationTimestamp":"2025-01-01T12:00:00Z","labels":{"app":"x"}}}""",
            row["object"]!.ToJsonString());
    }

    [Fact]
    public void IncludeObject_Object_puts_the_full_object_in_the_row_with_its_type()
    {
        var pod = StoredPod();
        pod.Remove("kind");
        pod.Remove("apiVersion");
        var rowObject = TableConverter.ToTable(Pods, [pod], new TableOptions { IncludeObject = IncludeObjectPolicy.Object }, Now)["rows"]![0]!["object"]!;
        Assert.Equal(("Pod", "v1", "nginx"), ((string)rowObject["kind"]!, (string)rowObject["apiVersion"]!, (string)rowObject["spec"]!["containers"]![0]!["image"]!));
        Assert.False(pod.ContainsKey("kind")); // the caller's object is not modified
    }

    [Fact]
    public void IncludeObject_None_leaves_the_object_out() =>
        Assert.False(TableConverter.ToTable(Pods, [StoredPod()], new TableOptions { IncludeObject = IncludeObjectPolicy.None }, Now)["rows"]![0]!.AsObject().ContainsKey("object"));

    [Fact]
    public void Count_cells_are_JSON_integers_and_text_cells_strings()
    {
        var cells = TableConverter.ToTable(ResourceRegistry.Get("apps", "replicasets"),
            [Parse("""{"metadata":{"name":"rs"},"spec":{"replicas":2}}""")], new TableOptions(), Now)["rows"]![0]!["cells"]!;
        Assert.Equal("""["rs",2,0,0,"<unknown>","","","<none>"]""",
            cells.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [Fact]
    public void Every_served_resource_has_its_own_printer() =>
        Assert.All(ResourceRegistry.Resources, r => Assert.True(Printers.HasPrinter(r), r.QualifiedName));

    [Fact]
    public void Every_printer_fills_every_column_even_for_a_bare_object() =>
        Assert.All(ResourceRegistry.Resources, r =>
        {
            var table = TableConverter.ToTable(r, [Parse("""{"metadata":{"name":"bare"}}""")], new TableOptions(), Now);
            Assert.Equal(table["columnDefinitions"]!.AsArray().Count, table["rows"]![0]!["cells"]!.AsArray().Count);
        });

    [Fact]
    public void The_default_table_has_name_and_creation_time()
    {
        var printer = new DefaultPrinter();
        Assert.Equal(["Name", "Created At"], printer.Columns.Select(c => c.Name));
        Assert.Equal(["x", "2025-01-01T12:00:00Z"], printer.Cells(Parse("""{"metadata":{"name":"x","creationTimestamp":"2025-01-01T12:00:00Z"}}"""), Now));
        Assert.Equal(["y", "0001-01-01T00:00:00Z"], printer.Cells(Parse("""{"metadata":{"name":"y"}}"""), Now));
    }

    [Fact]
    public void Objects_built_in_code_with_dates_print_like_parsed_ones()
    {
        var built = new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "p", ["creationTimestamp"] = JsonValue.Create(new DateTime(2025, 1, 1, 12, 0, 0, DateTimeKind.Utc)) },
            ["status"] = new JsonObject { ["phase"] = "Running" },
        };
        var cells = TableConverter.ToTable(Pods, [built], new TableOptions(), Now)["rows"]![0]!["cells"]!;
        Assert.Equal(("Running", "10d"), ((string)cells[2]!, (string)cells[4]!));
    }
}
