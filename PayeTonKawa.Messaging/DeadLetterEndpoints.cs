using System.ComponentModel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using PayeTonKawa.ServiceDefaults.Http;
using PayeTonKawa.ServiceDefaults.OpenApi;
using PayeTonKawa.ServiceDefaults.Security;
using RabbitMQ.Client;

namespace PayeTonKawa.Messaging;

/// <summary>
/// Lets an operator see the dead letters of this service's queues and send them back to be processed again, once the
/// cause is fixed. Requires the <c>messaging:admin</c> scope.
/// </summary>
public static class DeadLetterEndpoints
{
    public static IEndpointRouteBuilder MapDeadLetterEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin/dead-letters")
            .WithTags("Exploitation")
            .RequireScope(Scopes.MessagingAdmin);

        admin.MapGet("/", ListAsync)
            .WithSummary("Lettres mortes par file")
            .WithDescription("Nombre de messages en échec dans la file de lettres mortes de chaque file consommée par ce service.");

        admin.MapPost("/{queue}/replay", ReplayAsync)
            .WithSummary("Rejouer les lettres mortes d'une file")
            .WithDescription("Renvoie dans la file d'origine les messages de sa file de lettres mortes ; renvoie leur nombre.")
            .ProducesError(StatusCodes.Status404NotFound, "File que ce service ne consomme pas (ici « file_inconnue »).", UnknownQueue("file_inconnue"));

        return app;
    }

    private static string UnknownQueue(string queue) => $"File inconnue de ce service : « {queue} ».";

    private static async Task<Ok<DeadLetterQueue[]>> ListAsync(
        IEnumerable<ConsumerRegistration> registrations, BrokerConnection broker, CancellationToken cancellationToken)
    {
        var connection = await broker.GetAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        var queues = new List<DeadLetterQueue>();
        foreach (var registration in registrations)
        {
            var deadLetters = await channel.MessageCountAsync(Topology.DeadLetterQueue(registration.Queue), cancellationToken);
            queues.Add(new DeadLetterQueue(registration.Queue, Topology.DeadLetterQueue(registration.Queue), deadLetters));
        }

        return TypedResults.Ok(queues.ToArray());
    }

    private static async Task<Results<Ok<ReplayResult>, ProblemHttpResult>> ReplayAsync(
        [Description("Une file consommée par ce service, comme GET /admin/dead-letters les liste.")] string queue, IEnumerable<ConsumerRegistration> registrations, BrokerConnection broker, CancellationToken cancellationToken)
    {
        if (!registrations.Any(registration => registration.Queue == queue))
        {
            return Problems.NotFound(UnknownQueue(queue));
        }

        var connection = await broker.GetAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        var replayed = 0;
        while (await channel.BasicGetAsync(Topology.DeadLetterQueue(queue), autoAck: false, cancellationToken) is { } message)
        {
            // Straight into the original queue through the default exchange: other subscribers of the routing key
            // already have the event and must not get it twice.
            var properties = new BasicProperties(message.BasicProperties)
            {
                Headers = new Dictionary<string, object?>(message.BasicProperties.Headers ?? new Dictionary<string, object?>()),
            };
            properties.Headers.Remove("x-delivery-count");
            await channel.BasicPublishAsync(string.Empty, queue, mandatory: true, properties, message.Body, cancellationToken);
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
            replayed++;
        }

        return TypedResults.Ok(new ReplayResult(queue, replayed));
    }
}

public sealed record DeadLetterQueue(string Queue, string DeadLetterQueueName, uint Messages);

public sealed record ReplayResult(string Queue, int Replayed);
