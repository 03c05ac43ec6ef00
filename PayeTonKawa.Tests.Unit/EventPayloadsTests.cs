using System.Text.Json;
using PayeTonKawa.Clients.Customers;
using PayeTonKawa.Clients.Messaging;
using PayeTonKawa.Commandes.Messaging;
using PayeTonKawa.Commandes.Orders;
using PayeTonKawa.Messaging;
using PayeTonKawa.Produits.Messaging;
using PayeTonKawa.Produits.Products;

namespace PayeTonKawa.Tests.Unit;

/// <summary>The JSON each event factory writes to the outbox: the legacy fields, the event's name and its id.</summary>
[Trait("Category", "Unit")]
public sealed class EventPayloadsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Customer_events_carry_the_legacy_fields_and_their_names()
    {
        var client = new Client { Id = 7, Nom = "Dupont", Prenom = "Jean", Email = "jean@example.com", MotDePasseHash = "x", Adresse = "Lyon" };

        var created = Json(ClientEvents.Created(client, Now));
        var deleted = Json(ClientEvents.Deleted(client, Now));

        Assert.Equal("client_created", created.GetProperty("event").GetString());
        Assert.Equal(7, created.GetProperty("client_id").GetInt32());
        Assert.Equal("Dupont", created.GetProperty("data").GetProperty("nom").GetString());
        Assert.Equal("Lyon", created.GetProperty("data").GetProperty("adresse").GetString());
        Assert.False(created.GetProperty("data").TryGetProperty("mot_de_passe_hash", out _));
        Assert.Equal("client_updated", Json(ClientEvents.Updated(client, Now)).GetProperty("event").GetString());
        Assert.Equal("client_deleted", deleted.GetProperty("event").GetString());
        Assert.Equal(1, deleted.GetProperty("version").GetInt32());
        Assert.NotEqual(created.GetProperty("event_id").GetGuid(), deleted.GetProperty("event_id").GetGuid());
    }

    [Fact]
    public void Product_and_stock_events_carry_what_their_consumers_read()
    {
        var produit = new Produit { Id = 3, Nom = "Moka", Prix = 12.5m, Stock = 4 };

        var low = Json(ProduitEvents.StockLow(produit, 10, Now));
        var rejected = Json(StockEvents.Rejected(42, "Stock insuffisant", Now));

        Assert.Equal("produit_created", Json(ProduitEvents.Created(produit, Now)).GetProperty("event").GetString());
        Assert.Equal("produit_deleted", Json(ProduitEvents.Deleted(produit, Now)).GetProperty("event").GetString());
        Assert.Equal(("produit_stock_low", 4, 10), (low.GetProperty("event").GetString(), low.GetProperty("stock_actuel").GetInt32(), low.GetProperty("seuil_alerte").GetInt32()));
        Assert.Equal("commande_stock_rejected", rejected.GetProperty("event").GetString());
        Assert.Equal("Stock insuffisant", rejected.GetProperty("motif").GetString());
        Assert.Equal("commande_stock_confirmed", Json(StockEvents.Confirmed(42, Now)).GetProperty("event").GetString());
    }

    [Fact]
    public void An_order_created_event_carries_its_lines_for_the_reservation()
    {
        var commande = new Commande { Id = 9, ClientId = 7, Total = 33m, DateCommande = Now };
        commande.Lignes.Add(new LigneCommande { ProduitId = 1, Quantite = 2, PrixUnitaire = 12.5m });

        var created = Json(CommandeEvents.Created(commande));

        Assert.Equal("commande_created", created.GetProperty("event").GetString());
        var ligne = Assert.Single(created.GetProperty("data").GetProperty("lignes").EnumerateArray());
        Assert.Equal((1, 2), (ligne.GetProperty("produit_id").GetInt32(), ligne.GetProperty("quantite").GetInt32()));
        Assert.Equal("commande_updated", Json(CommandeEvents.Updated(commande, Now)).GetProperty("event").GetString());
        Assert.Equal("en_attente", Json(CommandeEvents.Deleted(commande, Now)).GetProperty("statut").GetString());
    }

    [Theory]
    [InlineData("client.deleted", "client_deleted")]
    [InlineData("commande.stock_confirmed", "commande_stock_confirmed")]
    public void An_event_is_named_after_its_routing_key(string routingKey, string name) =>
        Assert.Equal(name, IntegrationEvents.NameOf(routingKey));

    private static JsonElement Json<TEvent>(TEvent @event) =>
        JsonSerializer.SerializeToElement(@event, OutboxExtensions.SerializerOptions);
}
