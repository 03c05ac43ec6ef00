using FluentValidation;
using Microsoft.AspNetCore.Identity;
using PayeTonKawa.Clients.Customers;
using PayeTonKawa.Clients.Data;
using PayeTonKawa.ServiceDefaults;
using PayeTonKawa.ServiceDefaults.Data;
using PayeTonKawa.Messaging;

namespace PayeTonKawa.Clients;

public static class ClientsService
{
    public static readonly ServiceIdentity Identity =
        new("api-clients", "API Clients PayeTonKawa", "Bienvenue sur l'API Clients de PayeTonKawa");

    public static WebApplicationBuilder AddClientsService(this WebApplicationBuilder builder)
    {
        builder.AddDatabase<ClientsDbContext>("clientsdb");
        builder.AddMessaging<ClientsDbContext>();
        builder.Services.AddValidatorsFromAssemblyContaining<ClientsDbContext>(includeInternalTypes: true);
        builder.Services.AddSingleton<IPasswordHasher<Client>, PasswordHasher<Client>>();
        builder.Services.AddOptions<LoginProtectionOptions>()
            .BindSection(LoginProtectionOptions.SectionName)
            .Validate(protection => protection.MaxFailures > 0 && protection.Window > TimeSpan.Zero && protection.PurgeInterval > TimeSpan.Zero,
                "LoginProtection est invalide : MaxFailures doit être un entier strictement positif, Window et PurgeInterval des durées strictement positives (par exemple 00:15:00).")
            .ValidateOnStart();
        builder.Services.AddScoped<LoginThrottle>();
        builder.Services.AddSingleton<LoginAttemptsPurge>();
        builder.Services.AddHostedService(services => services.GetRequiredService<LoginAttemptsPurge>());
        return builder;
    }

    public static WebApplication MapClientsService(this WebApplication app)
    {
        app.MapCustomersEndpoints();
        return app;
    }
}
