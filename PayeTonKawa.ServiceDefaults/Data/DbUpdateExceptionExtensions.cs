using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace PayeTonKawa.ServiceDefaults.Data;

public static class DbUpdateExceptionExtensions
{
    /// <summary>True when a unique index refused the change (two concurrent writers raced past the existence check).</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
