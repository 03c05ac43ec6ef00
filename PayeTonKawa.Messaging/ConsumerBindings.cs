using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PayeTonKawa.Messaging;

/// <summary>The routing keys a consumer binds, each with the handler of its events.</summary>
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
