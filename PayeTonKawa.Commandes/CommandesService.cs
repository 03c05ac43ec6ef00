using FluentValidation;
using PayeTonKawa.Commandes.Coherence;
using PayeTonKawa.Commandes.Data;
using PayeTonKawa.Commandes.Messaging;
using PayeTonKawa.Commandes.Orders;
using PayeTonKawa.ServiceDefaults;
using PayeTonKawa.ServiceDefaults.Data;
using PayeTonKawa.Messaging;

namespace PayeTonKawa.Commandes;

public static class CommandesService
{
    public static readonly ServiceIdentity Identity =
        new("api-commandes", "API Commandes PayeTonKawa", "Bienvenue sur l'API Commandes de PayeTonKawa");

    public static WebApplicationBuilder AddCommandesService(this WebApplicationBuilder builder)
    {
        builder.AddDatabase<CommandesDbContext>("commandesdb");
        builder.AddMessaging<CommandesDbContext>();
        builder.AddEventConsumer<CommandesDbContext>("commandes_client_events", queue => queue
            .Bind<ClientDeletedHandler>(IncomingEvents.ClientDeleted));
        builder.AddEventConsumer<CommandesDbContext>("commandes_produit_events", queue => queue
            .Bind<ProduitDeletedHandler>(IncomingEvents.ProduitDeleted));
        builder.AddEventConsumer<CommandesDbContext>("commandes_stock_events", queue => queue
            .Bind<StockAnswerHandler>(IncomingEvents.StockConfirmed)
            .Bind<StockAnswerHandler>(IncomingEvents.StockRejected));
        builder.Services.AddValidatorsFromAssemblyContaining<CommandesDbContext>(includeInternalTypes: true);
        builder.AddStockCoherenceCheck();
        return builder;
    }

    public static WebApplication MapCommandesService(this WebApplication app)
    {
        app.MapOrdersEndpoints();
        app.MapStockCoherenceEndpoints();
        app.MapDeadLetterEndpoints();
        return app;
    }
}
