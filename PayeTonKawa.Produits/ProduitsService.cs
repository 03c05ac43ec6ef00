using FluentValidation;
using PayeTonKawa.Produits.Data;
using PayeTonKawa.Produits.Images;
using PayeTonKawa.Produits.Messaging;
using PayeTonKawa.Produits.Products;
using PayeTonKawa.Produits.Stock;
using PayeTonKawa.ServiceDefaults;
using PayeTonKawa.ServiceDefaults.Data;
using PayeTonKawa.Messaging;

namespace PayeTonKawa.Produits;

public static class ProduitsService
{
    public static readonly ServiceIdentity Identity =
        new("api-produits", "API Produits PayeTonKawa", "Bienvenue sur l'API Produits de PayeTonKawa");

    public static WebApplicationBuilder AddProduitsService(this WebApplicationBuilder builder)
    {
        builder.AddDatabase<ProduitsDbContext>("produitsdb");
        builder.AddMessaging<ProduitsDbContext>();
        builder.AddEventConsumer<ProduitsDbContext>("produits_commande_events", queue => queue
            .Bind<ReserveStockHandler>(IncomingEvents.CommandeCreated)
            .Bind<ReleaseStockHandler>(IncomingEvents.CommandeUpdated)
            .Bind<ReleaseStockHandler>(IncomingEvents.CommandeDeleted));
        builder.Services.AddOptions<StockOptions>().BindConfiguration(StockOptions.SectionName);
        builder.Services.AddSingleton<StockAlerts>();
        builder.Services.AddValidatorsFromAssemblyContaining<ProduitsDbContext>(includeInternalTypes: true);
        builder.Services.AddOptions<ImageOptions>()
            .BindConfiguration(ImageOptions.SectionName)
            .Validate(images => images.MaxBytes > 0, "Images:MaxBytes doit être un nombre d'octets positif.")
            .ValidateOnStart();
        if (builder.Environment.IsDevelopment())
        {
            builder.Services.AddHostedService<CatalogueSeeder>();
        }

        return builder;
    }

    public static WebApplication MapProduitsService(this WebApplication app)
    {
        app.MapProductsEndpoints();
        app.MapImagesEndpoints();
        app.MapReservationsEndpoints();
        app.MapDeadLetterEndpoints();
        return app;
    }
}
