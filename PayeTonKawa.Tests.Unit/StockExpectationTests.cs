using PayeTonKawa.Commandes.Coherence;
using PayeTonKawa.Commandes.Orders;

namespace PayeTonKawa.Tests.Unit;

/// <summary>The rules of the stock coherence check: what Produits must hold for an order in each status.</summary>
[Trait("Category", "Unit")]
public sealed class StockExpectationTests
{
    private static readonly DateTimeOffset Then = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset StableBefore = Then.AddMinutes(1);

    [Theory]
    [InlineData(Statuts.Validee, "reservee", Verdict.Consistent)]
    [InlineData(Statuts.EnPreparation, "reservee", Verdict.Consistent)]
    [InlineData(Statuts.Validee, "liberee", Verdict.Drift)]
    [InlineData(Statuts.Expediee, "consommee", Verdict.Consistent)]
    [InlineData(Statuts.Livree, "reservee", Verdict.Drift)]
    [InlineData(Statuts.Annulee, "refusee", Verdict.Consistent)]
    [InlineData(Statuts.Annulee, "liberee", Verdict.Consistent)]
    [InlineData(Statuts.Annulee, "reservee", Verdict.Drift)]
    [InlineData(Statuts.ClientSupprime, "consommee", Verdict.Consistent)]
    [InlineData(Statuts.EnAttente, "reservee", Verdict.Drift)]
    public void An_order_settled_long_ago_must_match_its_reservation(string statut, string reservation, Verdict verdict) =>
        Assert.Equal(verdict, StockExpectation.Judge(Order(statut), Reservation(reservation), StableBefore).Verdict);

    [Fact]
    public void A_reservation_whose_lines_differ_from_the_order_is_a_drift_with_its_reason()
    {
        var judgement = StockExpectation.Judge(Order(Statuts.Validee), Reservation("reservee", quantite: 3), StableBefore);

        Assert.Equal(Verdict.Drift, judgement.Verdict);
        Assert.False(string.IsNullOrWhiteSpace(judgement.Detail));
    }

    [Fact]
    public void A_deleted_order_may_leave_anything_but_a_held_reservation()
    {
        Assert.Equal(Verdict.Consistent, StockExpectation.Judge(null, Reservation("liberee"), StableBefore).Verdict);
        Assert.Equal(Verdict.Drift, StockExpectation.Judge(null, Reservation("reservee"), StableBefore).Verdict);
    }

    [Fact]
    public void A_disagreement_younger_than_the_stability_delay_is_under_way()
    {
        var order = Order(Statuts.EnAttente, date: StableBefore.AddSeconds(1));

        Assert.Equal(Verdict.InProgress, StockExpectation.Judge(order, null, StableBefore).Verdict);
        Assert.Equal(Verdict.Drift, StockExpectation.Judge(Order(Statuts.EnAttente), null, StableBefore).Verdict);
    }

    private static Commande Order(string statut, DateTimeOffset? date = null)
    {
        var commande = new Commande { Id = 1, ClientId = 1, Statut = statut, DateCommande = date ?? Then };
        commande.Lignes.Add(new LigneCommande { ProduitId = 5, Quantite = 2, PrixUnitaire = 10m });
        return commande;
    }

    private static ProduitsReservation Reservation(string statut, int quantite = 2) =>
        new(1, statut, statut == "refusee" ? [] : [new LigneReservation(5, quantite)], Then, null);
}
