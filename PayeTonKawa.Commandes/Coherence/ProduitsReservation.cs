namespace PayeTonKawa.Commandes.Coherence;

/// <summary>
/// One reservation as <c>GET /admin/reservations</c> of Produits answers it (the fields the check reads). Produits
/// declares the reservation statuses; the ones below are re-declared here because Commandes reads them.
/// </summary>
public sealed record ProduitsReservation(
    int CommandeId,
    string Statut,
    IReadOnlyList<LigneReservation>? Lignes,
    DateTimeOffset DateCreation,
    DateTimeOffset? DateModification)
{
    public const string Reservee = "reservee";
    public const string Liberee = "liberee";
    public const string Refusee = "refusee";
    public const string Consommee = "consommee";

    public DateTimeOffset LastChange => DateModification ?? DateCreation;
}

public sealed record LigneReservation(int ProduitId, int Quantite);
