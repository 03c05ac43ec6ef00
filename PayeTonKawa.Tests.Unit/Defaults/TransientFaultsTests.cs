using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using PayeTonKawa.ServiceDefaults.Data;
using PayeTonKawa.Messaging;

namespace PayeTonKawa.Tests.Defaults;

/// <summary>Which faults are waited out (503, message kept) and which are the request's or the message's own.</summary>
[Trait("Category", "Unit")]
public sealed class TransientFaultsTests
{
    [Theory]
    [InlineData("57P01")] // the server is shutting down
    [InlineData("57P03")] // the server is starting
    [InlineData("53300")] // too many connections
    [InlineData("08006")] // connection failure
    [InlineData("40001")] // serialization failure
    [InlineData("40P01")] // deadlock
    public void A_server_that_cannot_serve_now_is_transient(string sqlState)
    {
        var fault = new PostgresException("indisponible", "FATAL", "FATAL", sqlState);

        Assert.True(TransientFaults.IsTransient(fault));
        Assert.True(TransientFaults.IsTransient(new DbUpdateException("save", fault)));
        Assert.True(TransientFaults.IsTransient(new InvalidOperationException("wrapped", new RetryLimitExceededException("retries", fault))));
    }

    [Fact]
    public void No_primary_among_the_hosts_during_a_failover_is_transient()
    {
        Assert.True(TransientFaults.IsTransient(new NpgsqlException(TransientFaults.NoSuitableHost)));
        Assert.True(TransientFaults.IsTransient(new DbUpdateException("save", new NpgsqlException(TransientFaults.NoSuitableHost))));
        Assert.False(TransientFaults.IsTransient(new NpgsqlException("Something else went wrong.")));
    }

    [Theory]
    [InlineData("23505")] // unique violation
    [InlineData("23503")] // foreign key violation
    [InlineData("22P02")] // invalid text representation
    [InlineData("42P01")] // undefined table
    public void A_fault_of_the_data_or_of_the_code_is_not(string sqlState)
    {
        var fault = new PostgresException("refusé", "ERROR", "ERROR", sqlState);

        Assert.False(TransientFaults.IsTransient(fault));
        Assert.False(TransientFaults.IsTransient(new DbUpdateException("save", fault)));
    }

    [Fact]
    public void A_cut_connection_is_transient_and_a_bug_is_not()
    {
        Assert.True(TransientFaults.IsTransient(new NpgsqlException("Exception while reading from stream", new IOException("reset"))));
        Assert.True(TransientFaults.IsTransient(new TimeoutException()));
        Assert.False(TransientFaults.IsTransient(new InvalidOperationException("bug")));
        Assert.False(TransientFaults.IsTransient(new System.Text.Json.JsonException("payload")));
    }

    [Fact]
    public void The_wait_between_attempts_doubles_from_half_a_second_up_to_its_ceiling()
    {
        var pauses = Enumerable.Range(1, 8).Select(attempt => EventConsumer<DbContext>.OutageBackoff(attempt).TotalSeconds).ToList();

        Assert.Equal([0.5, 1, 2, 4, 8, 15, 15, 15], pauses);
        Assert.Equal(EventConsumer<DbContext>.MaxOutageBackoff, EventConsumer<DbContext>.OutageBackoff(1000));
    }
}
