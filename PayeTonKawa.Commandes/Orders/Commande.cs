using PayeTonKawa.ServiceDefaults.Data;

namespace PayeTonKawa.Commandes.Orders;

/// <summary>An order of a customer; its total is always computed from its lines.</summary>
public sealed class Commande
{
    public int Id { get; set; }

    public int ClientId { get; set; }

    public string Statut { get; set; } = Statuts.EnAttente;

    /// <summary>Why the order was cancelled by the system (stock refused), in French; null otherwise.</summary>
    public string? Motif { get; set; }

    public decimal Total { get; set; }

    // PostgreSQL keeps microseconds: truncating here makes the answer to a write identical to any later read.
    public DateTimeOffset DateCommande { get; set => field = value.ToMicroseconds(); }

    public DateTimeOffset? DateModification { get; set => field = value is { } date ? date.ToMicroseconds() : null; }

    /// <summary>
    /// The <c>Idempotency-Key</c> the order was created with, if any: a client that sends its creation again with the
    /// same key (its answer lost to a failover, a cut, a timeout) gets this order back instead of a second one.
    /// </summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>PostgreSQL's <c>xmin</c>: a save fails instead of overwriting a change made since the row was read.</summary>
    public uint Version { get; set; }

    public List<LigneCommande> Lignes { get; set; } = [];
}

public sealed class LigneCommande
{
    public int Id { get; set; }

    public int CommandeId { get; set; }

    public int ProduitId { get; set; }

    public int Quantite { get; set; }

    public decimal PrixUnitaire { get; set; }
}
