namespace PayeTonKawa.Messaging;

/// <summary>
/// A message taken from the queue, read while its body was still valid: its envelope, or null when it cannot be read
/// or no handler is bound to its routing key.
/// </summary>
internal sealed record Delivery(ulong Tag, string RoutingKey, EventEnvelope? Envelope, long PreviousDeliveries);
