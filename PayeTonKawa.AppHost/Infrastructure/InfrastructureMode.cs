namespace PayeTonKawa.AppHost.Infrastructure;

/// <summary>Where PostgreSQL and RabbitMQ come from (configuration <c>Infrastructure:Mode</c>).</summary>
public enum InfrastructureMode
{
    /// <summary>Aspire's PostgreSQL and RabbitMQ containers: needs a container runtime.</summary>
    Containers,

    /// <summary>The machine's PostgreSQL and RabbitMQ binaries, started by the AppHost as executable resources.</summary>
    Local,

    /// <summary>Servers that already run, given as <c>ConnectionStrings__*</c>.</summary>
    Existing,
}
