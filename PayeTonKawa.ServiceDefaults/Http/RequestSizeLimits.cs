using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace PayeTonKawa.ServiceDefaults.Http;

/// <summary>
/// Caps every request body at <see cref="RequestLimitsSettings.MaxBodyBytes"/> unless its endpoint declares its own limit
/// (<see cref="WithRequestBodyLimit{TBuilder}"/>). A body announced too large is refused before it is read; one of unknown
/// length is stopped once it passes the limit: by Kestrel's own limit, or, where the server has none (the in-memory test
/// server), by counting the bytes read. Either way the answer is a French 413.
/// </summary>
public static class RequestSizeLimits
{
    public static TBuilder AddRequestSizeLimits<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<RequestLimitsSettings>()
            .BindSection(RequestLimitsSettings.SectionName)
            .Validate(settings => settings.MaxBodyBytes > 0, "RequestLimits:MaxBodyBytes doit être un nombre d'octets strictement positif.")
            .ValidateOnStart();
        return builder;
    }

    public static WebApplication UseRequestSizeLimits(this WebApplication app)
    {
        var defaultLimit = app.Services.GetRequiredService<IOptions<RequestLimitsSettings>>().Value.MaxBodyBytes;
        app.Use((context, next) => LimitAsync(context, next, defaultLimit));
        return app;
    }

    /// <summary>Gives the endpoint its own body limit; null when its handler enforces one itself (with its own message).</summary>
    public static TBuilder WithRequestBodyLimit<TBuilder>(this TBuilder builder, long? maxBytes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestBodyLimit(maxBytes));

    private static async Task LimitAsync(HttpContext context, RequestDelegate next, long defaultLimit)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { } metadata
            ? metadata.MaxRequestBodySize
            : defaultLimit;
        if (limit is not { } maxBytes)
        {
            await next(context);
            return;
        }

        if (context.Request.ContentLength > maxBytes)
        {
            await Problems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, Messages.BodyTooLarge);
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } serverLimit)
        {
            serverLimit.MaxRequestBodySize = maxBytes;
        }
        else
        {
            context.Request.Body = new LimitedReadStream(context.Request.Body, maxBytes);
        }

        await next(context);
    }

    private sealed record RequestBodyLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
}
