using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
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

public sealed class ConsumerBindings<TContext>(ConsumerRegistration registration, IServiceCollection services)
    where TContext : DbContext
{
    public ConsumerBindings<TContext> Bind<THandler>(string routingKey)
        where THandler : class, IEventHandler<TContext>
    {
        registration.Handlers[routingKey] = typeof(THandler);
        services.TryAddSingleton<THandler>();
        return this;
    }
}

internal sealed class BrokerHealthCheck(BrokerConnection broker) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(broker.IsOpen ? HealthCheckResult.Healthy() : HealthCheckResult.Degraded("RabbitMQ injoignable."));
}

internal sealed class OutboxHealthCheck<TContext>(TContext db, MessagingMetrics metrics) : IHealthCheck
    where TContext : DbContext
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var pending = await db.Set<OutboxMessage>().LongCountAsync(message => message.SentAt == null, cancellationToken);
        metrics.OutboxBacklog(pending);
        return HealthCheckResult.Healthy(data: new Dictionary<string, object> { ["pending"] = pending });
    }
}
