using System.ComponentModel;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;

namespace PayeTonKawa.Commandes.Coherence;

public sealed record StockCoherenceQuery(
    [FromQuery(Name = "stabilite_secondes")]
    [property: Description("Délai, en secondes, pendant lequel une commande ou une réservation modifiée compte comme en cours plutôt qu'en écart (60 par défaut, de 0 à 86400).")]
    int? StabiliteSecondes)
{
    public const int DefaultSeconds = 60;
    public const int MaxSeconds = 86_400;

    public TimeSpan Stability => TimeSpan.FromSeconds(StabiliteSecondes ?? DefaultSeconds);
}

internal sealed class StockCoherenceQueryValidator : AbstractValidator<StockCoherenceQuery>
{
    public StockCoherenceQueryValidator() =>
        RuleFor(query => query.StabiliteSecondes).InclusiveBetween(0, StockCoherenceQuery.MaxSeconds)
            .WithMessage(CoherenceMessages.StabilityOutOfRange);
}
