using Microsoft.AspNetCore.Http;

namespace PayeTonKawa.ServiceDefaults.Http;

/// <summary>The legacy <c>skip</c>/<c>limit</c> paging, with <c>limit</c> capped so that no call can ask for everything.</summary>
public readonly record struct Page(int Skip, int Limit)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;
    public const string TotalCountHeader = "X-Total-Count";

    /// <summary>Applies the defaults and the cap; negative values are refused earlier by <see cref="PagedQueryRules"/>.</summary>
    public static Page From(int? skip, int? limit) => new(
        Math.Max(skip ?? 0, 0),
        limit is null or <= 0 ? DefaultLimit : Math.Min(limit.Value, MaxLimit));

    /// <summary>Sends the number of matches before paging in <c>X-Total-Count</c>.</summary>
    public static void WriteTotalCount(HttpResponse response, int total) =>
        response.Headers[TotalCountHeader] = total.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
