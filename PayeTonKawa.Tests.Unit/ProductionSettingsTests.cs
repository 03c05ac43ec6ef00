using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Npgsql;
using PayeTonKawa.ServiceDefaults.Data;
using PayeTonKawa.ServiceDefaults.Telemetry;

namespace PayeTonKawa.Tests.Unit;

/// <summary>Settings a service needs for its throughput wherever it is started from, which its configuration can still change.</summary>
[Trait("Category", "Unit")]
public sealed class ProductionSettingsTests
{
    [Fact]
    public void A_service_started_away_from_its_appsettings_still_keeps_ef_core_and_aspnet_core_quiet()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = Path.GetTempPath() });

        builder.AddJsonConsoleLogging();

        Assert.Equal("Warning", builder.Configuration["Logging:LogLevel:Microsoft.EntityFrameworkCore"]);
        Assert.Equal("Warning", builder.Configuration["Logging:LogLevel:Microsoft.AspNetCore"]);
        Assert.Equal("Information", builder.Configuration["Logging:LogLevel:Default"]);
    }

    [Fact]
    public void The_configuration_still_overrides_the_default_levels()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = Path.GetTempPath() });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Information" });

        builder.AddJsonConsoleLogging();

        Assert.Equal("Information", builder.Configuration["Logging:LogLevel:Microsoft.EntityFrameworkCore"]);
    }

    [Fact]
    public void Connections_prepare_their_statements_unless_the_connection_string_says_otherwise()
    {
        var defaulted = new NpgsqlConnectionStringBuilder(DatabaseExtensions.WithPreparedStatements("Host=db;Database=produitsdb"));
        var explicitlyOff = new NpgsqlConnectionStringBuilder(DatabaseExtensions.WithPreparedStatements("Host=db;Max Auto Prepare=0"));

        Assert.Equal(DatabaseExtensions.MaxAutoPrepare, defaulted.MaxAutoPrepare);
        Assert.Equal("produitsdb", defaulted.Database);
        Assert.Equal(0, explicitlyOff.MaxAutoPrepare);
        Assert.Null(DatabaseExtensions.WithPreparedStatements(null));
    }
}
