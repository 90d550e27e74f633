// The apimachinery types with their own JSON form: Time, MicroTime, Duration, Quantity, IntOrString and embedded JSON.
using System.Text.Json.Nodes;
using Kinet.Api.Protobuf;

namespace Kinet.Api.Tests.Protobuf;

public class WellKnownValuesTests
{
    private static byte[] Timestamp(long seconds, int nanos) => new ProtoWriter().Varint(1, seconds).Varint(2, nanos).ToArray();

    [Theory]
    [InlineData(0L, 0, "1970-01-01T00:00:00Z")]
    [InlineData(1735787045L, 999_999_999, "2025-01-02T03:04:05Z")] // apimachinery drops nanos of a protobuf Time
    [InlineData(-1L, 0, "1969-12-31T23:59:59Z")]
    public void A_time_is_rfc3339_to_the_second_in_utc(long seconds, int nanos, string expected)
    {
        Assert.Equal(expected, WellKnownValues.Time(Timestamp(seconds, nanos))!.GetValue<string>());
    }

    [Fact]
    public void An_empty_time_or_the_go_zero_time_is_null()
    {
        Assert.Null(WellKnownValues.Time([]));
        Assert.Null(WellKnownValues.Time(Timestamp(-62135596800, 0)));
        Assert.Null(WellKnownValues.MicroTime([]));
    }

    [Theory]
    [InlineData(1735787045L, 0, "2025-01-02T03:04:05.000000Z")]
    [InlineData(1735787045L, 123_456_789, "2025-01-02T03:04:05.123456Z")] // truncated, not rounded, as Go formats
    [InlineData(1735787045L, 1_500_000_000, "2025-01-02T03:04:06.500000Z")] // nanos past a second carry over, as time.Unix does
    public void A_micro_time_keeps_six_fractional_digits(long seconds, int nanos, string expected)
    {
        Assert.Equal(expected, WellKnownValues.MicroTime(Timestamp(seconds, nanos))!.GetValue<string>());
    }

    [Theory]
    [InlineData(0L, "0s")]
    [InlineData(1L, "1ns")]
    [InlineData(1_500L, "1.5µs")]
    [InlineData(150_000_000L, "150ms")]
    [InlineData(1_000_000_000L, "1s")]
    [InlineData(90_000_000_000L, "1m30s")]
    [InlineData(3_600_000_000_000L, "1h0m0s")]
    [InlineData(3_723_500_000_000L, "1h2m3.5s")]
    [InlineData(-2_000_000_000L, "-2s")]
    [InlineData(long.MinValue, "-2562047h47m16.854775808s")]
    public void A_duration_reads_like_go_duration_string(long nanos, string expected)
    {
        Assert.Equal(expected, WellKnownValues.Duration(new ProtoWriter().Varint(1, nanos).ToArray()).GetValue<string>());
    }

    [Fact]
    public void A_quantity_is_its_string_and_an_absent_one_is_zero()
    {
        Assert.Equal("250m", WellKnownValues.Quantity(new ProtoWriter().String(1, "250m").ToArray()).GetValue<string>());
        Assert.Equal("0", WellKnownValues.Quantity([]).GetValue<string>());
    }

    [Fact]
    public void An_int_or_string_is_a_number_for_type_int_and_a_string_for_type_string()
    {
        var number = WellKnownValues.IntOrString(new ProtoWriter().Varint(1, 0).Varint(2, 80).String(3, "").ToArray());
        var name = WellKnownValues.IntOrString(new ProtoWriter().Varint(1, 1).Varint(2, 0).String(3, "http").ToArray());
        var zero = WellKnownValues.IntOrString([]);

        Assert.Equal(80, number.GetValue<int>());
        Assert.Equal("http", name.GetValue<string>());
        Assert.Equal(0, zero.GetValue<int>());
    }

    [Fact]
    public void Embedded_json_is_parsed_and_absent_raw_is_null()
    {
        var node = WellKnownValues.EmbeddedJson(new ProtoWriter().Bytes(1, """{"a":[1,2]}"""u8.ToArray()).ToArray(), "RawExtension", "Raw");

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"a":[1,2]}"""), node));
        Assert.Null(WellKnownValues.EmbeddedJson([], "FieldsV1", "Raw"));
    }
}
