using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace PayeTonKawa.ServiceDefaults.Security;

public static class SecurityExtensions
{
    public static TBuilder AddApiKeySecurity<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<ApiKeyOptions>()
            .BindConfiguration(ApiKeyOptions.SectionName)
            .Validate(HasAtLeastOneKey,
                "Aucune clé API n'est configurée : renseignez ApiKeys:LegacyKey ou ApiKeys:Keys:<nom>:Key (et ses Scopes).")
            .Validate(options => options.Keys.Values.All(key => key.Scopes.All(IsKnownScope)),
                $"Une clé API a un scope inconnu ; scopes possibles : *, {string.Join(", ", Scopes.Known)}.")
            .ValidateOnStart();

        builder.Services.AddSingleton<ApiKeyStore>();
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);

        var authorization = builder.Services.AddAuthorizationBuilder();
        foreach (var scope in Scopes.Known)
        {
            authorization.AddPolicy(scope, policy => policy
                .RequireAuthenticatedUser()
                .RequireAssertion(context =>
                    context.User.HasClaim(Scopes.ClaimType, scope) || context.User.HasClaim(Scopes.ClaimType, Scopes.All)));
        }

        return builder;
    }

    private static bool HasAtLeastOneKey(ApiKeyOptions options) =>
        !string.IsNullOrWhiteSpace(options.LegacyKey) || options.Keys.Values.Any(key => !string.IsNullOrWhiteSpace(key.Key));

    private static bool IsKnownScope(string scope) => scope == Scopes.All || Scopes.Known.Contains(scope);
}
