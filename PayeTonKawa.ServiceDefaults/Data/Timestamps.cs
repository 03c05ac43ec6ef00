namespace PayeTonKawa.ServiceDefaults.Data;

public static class Timestamps
{
    /// <summary>
    /// <paramref name="date"/> cut to the microsecond, PostgreSQL's precision: an entity that stores it answers a write
    /// exactly as any later read of the row will.
    /// </summary>
    public static DateTimeOffset ToMicroseconds(this DateTimeOffset date) => date.AddTicks(-(date.Ticks % TimeSpan.TicksPerMicrosecond));
}
