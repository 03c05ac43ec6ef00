using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PayeTonKawa.ServiceDefaults.Health;
using PayeTonKawa.ServiceDefaults;

namespace PayeTonKawa.Messaging;

public static class MessagingExtensions
{
    /// <summary>The Aspire connection name of RabbitMQ.</summary>
    public const string ConnectionName = "messaging";

    /// <summary>
    /// Connects the service to RabbitMQ and relays the outbox of <typeparamref name="TContext"/> (whose model must call
    /// <see cref="MessagingModel.AddMessagingTables"/>). Health reports the broker and the backlog, never failing on them.
    /// </summary>
    public static IHostApplicationBuilder AddMessaging<TContext>(this IHostApplicationBuilder builder)
        where TContext : DbContext
    {
        RequiredConnectionString.Check(builder.Configuration, ConnectionName);
        builder.AddRabbitMQClient(ConnectionName, settings => settings.DisableHealthChecks = true);

        builder.Services.AddSingleton<BrokerConnection>();
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<MessagingMetrics>();
        builder.Services.ConfigureDbContext<TContext>((services, options) => options.AddInterceptors(services.GetRequiredService<OutboxSignal>()));
        builder.Services.AddHostedService<OutboxRelay<TContext>>();
        builder.Services.AddHostedService<QueueDepthMonitor>();
        builder.Services.AddHostedService<OutboxBacklogMonitor<TContext>>();
        builder.Services.AddOptions<RetentionOptions>()
            .BindSection(RetentionOptions.SectionName)
            .Validate(retention => retention.SentOutbox > TimeSpan.Zero && retention.ProcessedEvents > TimeSpan.Zero
                    && retention.Interval > TimeSpan.Zero && retention.BatchSize > 0,
                "Messaging:Retention est invalide : SentOutbox, ProcessedEvents et Interval doivent être des durées strictement positives (par exemple 7.00:00:00) et BatchSize un entier strictement positif.")
            .ValidateOnStart();
        builder.Services.AddSingleton<RetentionPurge<TContext>>();
        builder.Services.AddHostedService(services => services.GetRequiredService<RetentionPurge<TContext>>());

        builder.Services.AddHealthChecks()
            .AddCheck<BrokerHealthCheck>(HealthEndpoints.RabbitMqCheck)
            .AddCheck<OutboxHealthCheck<TContext>>(HealthEndpoints.OutboxCheck, timeout: TimeSpan.FromSeconds(3));

        return builder;
    }

    /// <summary>Consumes <paramref name="queue"/>, binding each routing key of <paramref name="configure"/> to its handler.</summary>
    public static IHostApplicationBuilder AddEventConsumer<TContext>(
        this IHostApplicationBuilder builder, string queue, Action<ConsumerBindings<TContext>> configure)
        where TContext : DbContext
    {
        var registration = new ConsumerRegistration(queue);
        configure(new ConsumerBindings<TContext>(registration, builder.Services));
        builder.Services.AddSingleton(registration);
        builder.Services.AddSingleton<IHostedService>(services =>
            ActivatorUtilities.CreateInstance<EventConsumer<TContext>>(services, registration));
        return builder;
    }
}
