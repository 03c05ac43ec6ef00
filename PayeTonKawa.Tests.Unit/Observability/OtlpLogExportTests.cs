using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PayeTonKawa.ServiceDefaults.Telemetry;

namespace PayeTonKawa.Tests.Observability;

/// <summary>
/// Central logs: with OTEL_EXPORTER_OTLP_ENDPOINT set (the production overlay points it at the collector), a log line
/// written during a request leaves the service over OTLP with its request_id as an attribute, under the service name
/// the Deployment gives, which is what the LogQL query of docs/OBSERVABILITE.md filters on.
/// </summary>
[Trait("Category", "Unit")]
public sealed class OtlpLogExportTests
{
    [Fact]
    public async Task A_log_line_of_a_request_reaches_the_collector_with_its_request_id_and_service_name()
    {
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var received = ReceiveLogsAsync(listener);
        var requestId = "req-" + Guid.NewGuid().ToString("N");

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
        builder.Configuration[OpenTelemetryExtensions.OtlpEndpointKey] = $"http://127.0.0.1:{port}";
        builder.Configuration["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        builder.Configuration["OTEL_SERVICE_NAME"] = "commandes";
        builder.ConfigureOpenTelemetry();
        using (var host = builder.Build())
        {
            await host.StartAsync();
            var logger = host.Services.GetRequiredService<ILogger<OtlpLogExportTests>>();
            // The scope RequestTrackingMiddleware opens around every request.
            using (logger.BeginScope(new Dictionary<string, object?> { [JsonLogFormatter.RequestIdKey] = requestId }))
            {
                logger.LogWarning("Stock refused for order {OrderId}", 42);
            }

            // Stopping flushes the batch.
            await host.StopAsync();
        }

        var body = await received.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Contains("request_id", body, StringComparison.Ordinal);
        Assert.Contains(requestId, body, StringComparison.Ordinal);
        Assert.Contains("service.name", body, StringComparison.Ordinal);
        Assert.Contains("commandes", body, StringComparison.Ordinal);
        Assert.Contains("Stock refused for order 42", body, StringComparison.Ordinal);
    }

    // OTLP/HTTP protobuf carries its strings as UTF-8 bytes: reading the body as text finds them without a schema.
    private static async Task<string> ReceiveLogsAsync(HttpListener listener)
    {
        while (true)
        {
            var context = await listener.GetContextAsync();
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var path = context.Request.Url?.AbsolutePath;
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
            if (path == "/v1/logs")
            {
                return Encoding.UTF8.GetString(body.ToArray());
            }
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
