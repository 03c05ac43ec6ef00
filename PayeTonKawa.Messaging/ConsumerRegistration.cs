namespace PayeTonKawa.Messaging;

/// <summary>One queue of a service: the routing keys bound to it and the handler of each.</summary>
public sealed class ConsumerRegistration(string queue)
{
    public string Queue { get; } = queue;

    public Dictionary<string, Type> Handlers { get; } = new(StringComparer.Ordinal);

    /// <summary>Messages delivered to this consumer before acknowledgement.</summary>
    public ushort Prefetch { get; set; } = 20;

    /// <summary>
    /// Messages of the queue handled at the same time. One at a time made the order flow wait on each reservation's
    /// round trips (about 40 orders/s end to end); the handlers do not rely on the order of delivery: each event is
    /// applied once (processed_events), rows are locked in id order, stale answers are ignored, and a release that
    /// arrives before its reservation leaves a tombstone.
    /// </summary>
    public ushort Concurrency { get; set; } = 4;
}
