using Microsoft.Extensions.Options;
using PayeTonKawa.Produits.Data;
using PayeTonKawa.Produits.Messaging;
using PayeTonKawa.Produits.Products;
using PayeTonKawa.Messaging;

namespace PayeTonKawa.Produits.Stock;

/// <summary>Raises <c>produit.stock_low</c> whenever a change (a PUT or a reservation) leaves a product below the threshold.</summary>
public sealed class StockAlerts(IOptions<StockOptions> options, TimeProvider clock)
{
    public int Threshold => options.Value.SeuilAlerte;

    public void CheckAfterChange(ProduitsDbContext db, Produit produit, EventEnvelope? cause = null)
    {
        if (produit.Stock < Threshold)
        {
            db.AddEvent(ProduitEvents.StockLowKey, ProduitEvents.StockLow(produit, Threshold, clock.GetUtcNow()), cause);
        }
    }
}
