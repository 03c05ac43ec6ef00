using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PayeTonKawa.ServiceDefaults.Http;

namespace PayeTonKawa.ServiceDefaults.Security;

public static class RateLimitingExtensions
{
    /// <summary>A global limiter partitioned by API key name when the caller is authenticated, by client address otherwise.</summary>
    public static TBuilder AddRateLimits<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<RateLimitingSettings>()
            .BindSection(RateLimitingSettings.SectionName)
            .Validate(settings => settings.PerApiKey.IsValid, QuotaMessage(nameof(RateLimitingSettings.PerApiKey)))
            .Validate(settings => settings.PerAddress.IsValid, QuotaMessage(nameof(RateLimitingSettings.PerAddress)))
            .ValidateOnStart();

        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitingSettings>>((options, settings) =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, settings.Value));
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (rejection, _) =>
            {
                var retryAfter = rejection.Lease.TryGetMetadata(MetadataName.RetryAfter, out var delay) ? delay : TimeSpan.FromSeconds(1);
                return new ValueTask(RetryAfter.WriteProblemAsync(rejection.HttpContext, retryAfter, Messages.TooManyRequests));
            };
        });
        return builder;
    }

    public static WebApplication UseRateLimits(this WebApplication app)
    {
        app.UseRateLimiter();
        return app;
    }

    // Runs after authentication: a valid key has set the user, a missing or unknown one has not.
    private static RateLimitPartition<string> Partition(HttpContext context, RateLimitingSettings settings) =>
        context.User.Identity is { IsAuthenticated: true, Name: { } keyName }
            ? FixedWindow($"key:{keyName}", settings.PerApiKey)
            : FixedWindow($"ip:{context.Connection.RemoteIpAddress}", settings.PerAddress);

    private static RateLimitPartition<string> FixedWindow(string partitionKey, RateLimitQuota quota) =>
        RateLimitPartition.GetFixedWindowLimiter(partitionKey, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = quota.PermitLimit,
            Window = quota.Window,
            QueueLimit = 0,
        });

    private static string QuotaMessage(string quota) =>
        $"RateLimiting:{quota} est invalide : PermitLimit doit être un entier strictement positif et Window une durée strictement positive (par exemple 00:00:01).";
}
