namespace PayeTonKawa.Messaging;

/// <summary>
/// The statuses of an order, as the <c>commande.*</c> events carry them: part of the event contract, set by Commandes
/// and read by Produits, so they are written once, here.
/// </summary>
public static class CommandeStatuts
{
    public const string EnAttente = "en_attente";
    public const string Validee = "validee";
    public const string EnPreparation = "en_preparation";
    public const string Expediee = "expediee";
    public const string Livree = "livree";
    public const string Annulee = "annulee";
    public const string ClientSupprime = "client_supprime";
}
