using FluentValidation;
using PayeTonKawa.Commandes.Data;
using PayeTonKawa.Commandes.Orders;
using PayeTonKawa.ServiceDefaults;
using PayeTonKawa.ServiceDefaults.Data;

namespace PayeTonKawa.Commandes;

public static class CommandesApi
{
    public static readonly ServiceIdentity Identity =
        new("api-commandes", "API Commandes PayeTonKawa", "Bienvenue sur l'API Commandes de PayeTonKawa");

    public static WebApplicationBuilder AddCommandesApi(this WebApplicationBuilder builder)
    {
        builder.AddDatabase<CommandesDbContext>("commandesdb");
        builder.Services.AddValidatorsFromAssemblyContaining<CommandesDbContext>(includeInternalTypes: true);
        return builder;
    }

    public static WebApplication MapCommandesApi(this WebApplication app)
    {
        app.MapOrdersApi();
        return app;
    }
}
