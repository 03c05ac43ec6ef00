using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace PayeTonKawa.ServiceDefaults.Http;

public static class HttpConventions
{
    public static TBuilder AddHttpConventions<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.Configure<JsonOptions>(options => JsonConventions.Apply(options.SerializerOptions));

        // Binding failures are thrown (not silently answered 400) so that they become French 422 problem details.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            problem.Title = Messages.TitleOf(problem.Status) ?? problem.Title;
            problem.Detail ??= problem.Status switch
            {
                StatusCodes.Status404NotFound => Messages.NotFound,
                StatusCodes.Status405MethodNotAllowed => Messages.MethodNotAllowed,
                StatusCodes.Status415UnsupportedMediaType => Messages.UnsupportedMediaType,
                StatusCodes.Status500InternalServerError => Messages.InternalError,
                _ => null,
            };
            problem.Extensions.Remove("exception");
            problem.Extensions["request_id"] = context.HttpContext.TraceIdentifier;
        });
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddExceptionHandler<UnavailableExceptionHandler>();

        ValidatorOptions.Global.LanguageManager.Culture = CultureInfo.GetCultureInfo("fr");
        ValidatorOptions.Global.PropertyNameResolver = (_, member, _) =>
            member is null ? null : JsonConventions.NamingPolicy.ConvertName(member.Name);
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) =>
            member is null ? null : JsonConventions.NamingPolicy.ConvertName(member.Name);

        return builder;
    }

    public static WebApplication UseHttpConventions(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }
}
