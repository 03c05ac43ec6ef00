using System.Text.Json;
using System.Text.Json.Serialization;

namespace PayeTonKawa.ServiceDefaults.Http;

/// <summary>The contract's JSON: snake_case names, numbers also accepted as strings (as the legacy API did).</summary>
public static class JsonConventions
{
    public static readonly JsonNamingPolicy NamingPolicy = JsonNamingPolicy.SnakeCaseLower;

    public static void Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = NamingPolicy;
        options.DictionaryKeyPolicy = NamingPolicy;
        options.NumberHandling = JsonNumberHandling.AllowReadingFromString;
        options.Converters.Add(new PostgresSafeStringConverter());
    }

    /// <summary>Converts a CLR member path such as <c>Lignes[0].PrixUnitaire</c> into <c>lignes[0].prix_unitaire</c>.</summary>
    public static string ToFieldName(string memberPath) =>
        string.Join('.', memberPath.Split('.').Select(ToSegment));

    private static string ToSegment(string segment)
    {
        var index = segment.IndexOf('[', StringComparison.Ordinal);
        return index < 0
            ? NamingPolicy.ConvertName(segment)
            : NamingPolicy.ConvertName(segment[..index]) + segment[index..];
    }
}
