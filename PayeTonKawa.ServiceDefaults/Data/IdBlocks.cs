namespace PayeTonKawa.ServiceDefaults.Data;

/// <summary>
/// Ids are drawn from a sequence before the insert (HiLo), so that the event saved in the same transaction knows them.
/// EF Core draws a block under a process-wide lock: with blocks of one id, every create waited for its own
/// <c>nextval</c> behind all the others (orders stalled at ~40/s under 32 concurrent callers). A block of
/// <see cref="Size"/> ids needs one round trip per <see cref="Size"/> creates; the price is a gap in the ids when an
/// instance stops before using its whole block, and ids that follow the creation order only within one instance.
/// </summary>
public static class IdBlocks
{
    public const int Size = 20;
}
