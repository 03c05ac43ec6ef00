namespace PayeTonKawa.Messaging;

/// <summary>How long the messaging tables keep what they no longer need (configuration section <c>Messaging:Retention</c>).</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Messaging:Retention";

    /// <summary>
    /// A published event is kept this long for investigation, then deleted; an event not yet published is never deleted.
    /// </summary>
    public TimeSpan SentOutbox { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How long a consumer remembers an event it applied, so that a redelivery has no second effect. Redeliveries come
    /// within seconds (a lost acknowledgement, a relay that died before recording a publication); 30 days also cover an
    /// event republished by hand from a backup or an old dead-letter export.
    /// </summary>
    public TimeSpan ProcessedEvents { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the purge runs.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rows deleted per statement: each delete is a short transaction that never holds the tables for long.</summary>
    public int BatchSize { get; set; } = 5_000;
}
