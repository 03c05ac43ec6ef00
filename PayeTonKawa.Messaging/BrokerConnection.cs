using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace PayeTonKawa.Messaging;

/// <summary>
/// The service's one RabbitMQ connection (created by Aspire.RabbitMQ.Client), obtained in the background: while the
/// broker is unreachable, callers wait here with backoff instead of failing, and health reports it as disconnected
/// without blocking. Once open, the client's automatic recovery reconnects it (channels and consumers included).
/// </summary>
public sealed partial class BrokerConnection(IServiceProvider services, ILogger<BrokerConnection> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;

    public bool IsOpen => _connection?.IsOpen == true;

    public async Task<IConnection> GetAsync(CancellationToken cancellationToken)
    {
        if (_connection is { } existing)
        {
            return existing;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var delay = TimeSpan.FromMilliseconds(500);
            while (_connection is null)
            {
                try
                {
                    _connection = await Task.Run(services.GetRequiredService<IConnection>, cancellationToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogUnreachable(logger, delay.TotalSeconds, exception);
                    await Task.Delay(delay, cancellationToken);
                    delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 10));
                }
            }

            return _connection;
        }
        finally
        {
            _gate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "RabbitMQ is unreachable; retrying in {DelaySeconds} s")]
    private static partial void LogUnreachable(ILogger logger, double delaySeconds, Exception exception,
        [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0);
}
