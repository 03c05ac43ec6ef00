using PayeTonKawa.ServiceDefaults.Data;

namespace PayeTonKawa.Produits.Products;

/// <summary>A coffee of the catalogue, with its stock.</summary>
public sealed class Produit
{
    public int Id { get; set; }

    public required string Nom { get; set; }

    public string? Description { get; set; }

    public decimal Prix { get; set; }

    /// <summary>Units available; never negative (checked by the database too).</summary>
    public int Stock { get; set; }

    public string? Origine { get; set; }

    public decimal PoidsKg { get; set; } = 1.0m;

    public string? ImageUrl { get; set; }

    public bool Actif { get; set; } = true;

    // PostgreSQL keeps microseconds: truncating here makes the answer to a write identical to any later read.
    public DateTimeOffset DateCreation { get; set => field = value.ToMicroseconds(); }

    public DateTimeOffset? DateModification { get; set => field = value is { } date ? date.ToMicroseconds() : null; }

    /// <summary>PostgreSQL's <c>xmin</c>: a save fails instead of overwriting a change made since the row was read.</summary>
    public uint Version { get; set; }
}
