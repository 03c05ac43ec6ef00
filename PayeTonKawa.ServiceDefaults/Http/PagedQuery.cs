using FluentValidation;

namespace PayeTonKawa.ServiceDefaults.Http;

/// <summary>A list query with the legacy <c>skip</c>/<c>limit</c> parameters.</summary>
public interface IPagedQuery
{
    int? Skip { get; }

    int? Limit { get; }
}

public static class PagedQueryRules
{
    /// <summary>Rejects a negative <c>skip</c> and a <c>limit</c> below 1; a large limit is capped, not refused.</summary>
    public static void AddPagingRules<T>(this AbstractValidator<T> validator)
        where T : IPagedQuery
    {
        validator.RuleFor(query => query.Skip).GreaterThanOrEqualTo(0);
        validator.RuleFor(query => query.Limit).GreaterThanOrEqualTo(1);
    }

    public static Page ToPage(this IPagedQuery query) => Page.From(query.Skip, query.Limit);
}
