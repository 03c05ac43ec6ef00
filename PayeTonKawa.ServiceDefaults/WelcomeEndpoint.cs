using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace PayeTonKawa.ServiceDefaults;

public static class WelcomeEndpoint
{
    public static IEndpointRouteBuilder MapWelcome(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (ServiceIdentity identity) => TypedResults.Ok(new WelcomeResponse(identity.WelcomeMessage)))
            .WithTags("Supervision")
            .WithSummary("Message de bienvenue");
        return app;
    }
}

public sealed record WelcomeResponse(string Message);
