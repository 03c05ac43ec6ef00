namespace PayeTonKawa.ServiceDefaults.Messaging;

/// <summary>One queue of a service: the routing keys bound to it and the handler of each.</summary>
public sealed class ConsumerRegistration(string queue)
{
    public string Queue { get; } = queue;

    public Dictionary<string, Type> Handlers { get; } = new(StringComparer.Ordinal);

    /// <summary>Messages delivered to this consumer before acknowledgement; one channel processes them in order.</summary>
    public ushort Prefetch { get; set; } = 20;
}
