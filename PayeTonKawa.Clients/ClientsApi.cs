using FluentValidation;
using Microsoft.AspNetCore.Identity;
using PayeTonKawa.Clients.Customers;
using PayeTonKawa.Clients.Data;
using PayeTonKawa.ServiceDefaults;
using PayeTonKawa.ServiceDefaults.Data;
using PayeTonKawa.ServiceDefaults.Messaging;

namespace PayeTonKawa.Clients;

public static class ClientsApi
{
    public static readonly ServiceIdentity Identity =
        new("api-clients", "API Clients PayeTonKawa", "Bienvenue sur l'API Clients de PayeTonKawa");

    public static WebApplicationBuilder AddClientsApi(this WebApplicationBuilder builder)
    {
        builder.AddDatabase<ClientsDbContext>("clientsdb");
        builder.AddMessaging<ClientsDbContext>();
        builder.Services.AddValidatorsFromAssemblyContaining<ClientsDbContext>(includeInternalTypes: true);
        builder.Services.AddSingleton<IPasswordHasher<Client>, PasswordHasher<Client>>();
        return builder;
    }

    public static WebApplication MapClientsApi(this WebApplication app)
    {
        app.MapCustomersApi();
        return app;
    }
}
