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

    public DateTimeOffset DateCommande { get; set; }

    public DateTimeOffset? DateModification { get; set; }

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
