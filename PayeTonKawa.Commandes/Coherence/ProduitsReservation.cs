namespace PayeTonKawa.Commandes.Coherence;

/// <summary>One reservation as <c>GET /admin/reservations</c> of Produits answers it (the fields the check reads).</summary>
public sealed record ProduitsReservation(
    int CommandeId,
    string Statut,
    IReadOnlyList<LigneReservation>? Lignes,
    DateTimeOffset DateCreation,
    DateTimeOffset? DateModification)
{
    public DateTimeOffset LastChange => DateModification ?? DateCreation;
}

public sealed record LigneReservation(int ProduitId, int Quantite);

/// <summary>Produits could not give its reservations; <see cref="Exception.Message"/> says why, in French.</summary>
public sealed class ProduitsUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
