using System.Text.Json;
using System.Text.Json.Serialization;

namespace PayeTonKawa.ServiceDefaults.Http;

/// <summary>
/// PostgreSQL text cannot hold the NUL character: rejecting it while reading JSON turns what would be a
/// database error into a validation error on the right field.
/// </summary>
public sealed class PostgresSafeStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.GetString();
        return value is not null && value.Contains('\0', StringComparison.Ordinal)
            ? throw new JsonException("The NUL character is not allowed.")
            : value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value);
}
