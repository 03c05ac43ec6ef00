using System.Reflection;
using PayeTonKawa.Clients.Messaging;
using PayeTonKawa.Commandes.Coherence;
using PayeTonKawa.Commandes.Orders;
using PayeTonKawa.Produits.Messaging;
using PayeTonKawa.Produits.Stock;
using CommandesIncoming = PayeTonKawa.Commandes.Messaging.IncomingEvents;
using CommandeEvents = PayeTonKawa.Commandes.Messaging.CommandeEvents;
using ProduitsIncoming = PayeTonKawa.Produits.Messaging.IncomingEvents;

namespace PayeTonKawa.Tests.Unit;

/// <summary>
/// A constant of a contract is declared by the service that publishes it and re-declared by each service that reads
/// it (CONTRIBUTING): the two declarations must say the same thing.
/// </summary>
[Trait("Category", "Unit")]
public sealed class ContractConstantsTests
{
    [Fact]
    public void Every_routing_key_a_service_consumes_is_one_another_service_publishes()
    {
        var published = new[] { typeof(ClientEvents), typeof(ProduitEvents), typeof(StockEvents), typeof(CommandeEvents) }
            .SelectMany(type => Constants(type).Values).ToHashSet();

        Assert.All(Constants(typeof(CommandesIncoming)).Concat(Constants(typeof(ProduitsIncoming))),
            consumed => Assert.Contains(consumed.Value, published));
    }

    [Fact]
    public void The_order_statuses_Produits_reads_are_those_Commandes_publishes() =>
        AssertSameValues(Constants(typeof(CommandeStatuts)), Constants(typeof(Statuts)));

    [Fact]
    public void The_reservation_statuses_Commandes_reads_are_those_Produits_publishes() =>
        AssertSameValues(Constants(typeof(ProduitsReservation)), Constants(typeof(Reservation)));

    private static void AssertSameValues(Dictionary<string, string> redeclared, Dictionary<string, string> declared)
    {
        Assert.NotEmpty(redeclared);
        Assert.All(redeclared, constant => Assert.Equal(declared.GetValueOrDefault(constant.Key), constant.Value));
    }

    private static Dictionary<string, string> Constants(Type type) => type
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field is { IsLiteral: true, FieldType: var fieldType } && fieldType == typeof(string))
        .ToDictionary(field => field.Name, field => (string)field.GetRawConstantValue()!);
}
