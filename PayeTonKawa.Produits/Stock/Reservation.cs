namespace PayeTonKawa.Produits.Stock;

/// <summary>
/// What Produits decided for one order: the stock it holds (<c>reservee</c>), gave back (<c>liberee</c>), refused
/// (<c>refusee</c>), or that left with the shipped order (<c>consommee</c>: never given back). One row per order makes
/// reserving and releasing idempotent, and a release that arrives before the order's creation leaves a
/// <c>liberee</c> row that stops a late reservation.
/// </summary>
public sealed class Reservation
{
    public const string Reservee = "reservee";
    public const string Liberee = "liberee";
    public const string Refusee = "refusee";
    public const string Consommee = "consommee";

    public int CommandeId { get; set; }

    public string Statut { get; set; } = Reservee;

    public string? Motif { get; set; }

    public DateTimeOffset DateCreation { get; set; }

    public DateTimeOffset? DateModification { get; set; }

    public List<LigneReservation> Lignes { get; set; } = [];
}

public sealed class LigneReservation
{
    public int Id { get; set; }

    public int CommandeId { get; set; }

    public int ProduitId { get; set; }

    public int Quantite { get; set; }
}
