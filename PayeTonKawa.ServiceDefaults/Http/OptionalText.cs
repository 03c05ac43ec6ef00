namespace PayeTonKawa.ServiceDefaults.Http;

/// <summary>
/// Optional texts (telephone, address, description…): a blank value means "none" and is stored as null, so that a PUT
/// sending "" clears the field while an absent or null field leaves it unchanged.
/// </summary>
public static class OptionalText
{
    public static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    /// <summary>The value a partial update keeps: <paramref name="current"/> when nothing was sent, else the sent text or null.</summary>
    public static string? Update(string? current, string? sent) => sent is null ? current : NullIfBlank(sent);
}
