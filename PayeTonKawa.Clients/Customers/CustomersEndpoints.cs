using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PayeTonKawa.Clients.Data;
using PayeTonKawa.Clients.Messaging;
using PayeTonKawa.ServiceDefaults.Data;
using PayeTonKawa.ServiceDefaults.Http;
using PayeTonKawa.Messaging;
using PayeTonKawa.ServiceDefaults.OpenApi;
using PayeTonKawa.ServiceDefaults.Security;

namespace PayeTonKawa.Clients.Customers;

public static class CustomersEndpoints
{
    public static IEndpointRouteBuilder MapCustomersEndpoints(this IEndpointRouteBuilder app)
    {
        var customers = app.MapGroup("/customers").WithTags("Clients");

        customers.MapGet("/", ListAsync)
            .RequireScope(Scopes.ClientsRead)
            .Validate<CustomerSearch>()
            .WithSummary("Lister les clients")
            .WithDescription("Triés par id ; filtres q (texte) et email ; le nombre total de résultats est dans X-Total-Count.");

        customers.MapGet("/{id}", GetAsync)
            .RequireScope(Scopes.ClientsRead)
            .WithSummary("Lire un client")
            .ProducesError(StatusCodes.Status404NotFound, UnknownClient, CustomerMessages.NotFound);

        customers.MapPost("/", CreateAsync)
            .RequireScope(Scopes.ClientsWrite)
            .Validate<CreateClientRequest>()
            .WithSummary("Créer un client")
            .ProducesClientFieldErrors()
            .ProducesError(StatusCodes.Status409Conflict, EmailTaken, CustomerMessages.DuplicateEmail);

        customers.MapPut("/{id}", UpdateAsync)
            .RequireScope(Scopes.ClientsWrite)
            .Validate<UpdateClientRequest>()
            .WithSummary("Modifier un client")
            .WithDescription("Modification partielle : seuls les champs envoyés changent ; un téléphone ou une adresse vide (\"\") les efface.")
            .ProducesClientFieldErrors()
            .ProducesError(StatusCodes.Status404NotFound, UnknownClient, CustomerMessages.NotFound)
            .ProducesError(StatusCodes.Status409Conflict, EmailTaken, CustomerMessages.DuplicateEmail);

        customers.MapDelete("/{id}", DeleteAsync)
            .RequireScope(Scopes.ClientsWrite)
            .WithSummary("Supprimer un client")
            .ProducesError(StatusCodes.Status404NotFound, UnknownClient, CustomerMessages.NotFound);

        customers.MapPost("/login", LoginAsync)
            .RequireScope(Scopes.ClientsLogin)
            .Validate<LoginRequest>()
            .WithSummary("Authentifier un client")
            .WithDescription("Renvoie le client quand l'e-mail et le mot de passe correspondent, 401 sinon. "
                + "Après 5 échecs en 15 minutes (par défaut) pour un même e-mail, les tentatives suivantes sont refusées (429) jusqu'à la fin de la fenêtre.")
            .ProducesError(StatusCodes.Status401Unauthorized,
                "E-mail inconnu, mot de passe faux ou client inactif (le même message dans les trois cas).", CustomerMessages.BadCredentials)
            .ProducesError(StatusCodes.Status429TooManyRequests,
                "Plus de 5 tentatives en 15 minutes pour cet e-mail sans connexion réussie (réglage LoginProtection) ; Retry-After donne le délai en secondes.",
                CustomerMessages.TooManyLoginAttempts);

        return app;
    }

    private const string UnknownClient = "Aucun client n'a cet identifiant.";
    private const string EmailTaken = "Un autre client a déjà cet e-mail (sans tenir compte de la casse).";

    private static RouteHandlerBuilder ProducesClientFieldErrors(this RouteHandlerBuilder builder) => builder
        .ProducesFieldError("E-mail mal formé.", "email", CustomerMessages.InvalidEmail)
        .ProducesFieldError("Téléphone qui n'est pas un numéro français à 10 chiffres.", "telephone", CustomerMessages.InvalidPhone);

    private static async Task<Ok<ClientResponse[]>> ListAsync(
        [AsParameters] CustomerSearch search, ClientsDbContext db, HttpResponse response, CancellationToken cancellationToken)
    {
        var query = db.Clients.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search.Q))
        {
            var pattern = SearchText.Contains(search.Q);
            query = query.Where(client =>
                EF.Functions.ILike(client.Nom, pattern)
                || EF.Functions.ILike(client.Prenom, pattern)
                || EF.Functions.ILike(client.Email, pattern));
        }

        if (!string.IsNullOrWhiteSpace(search.Email))
        {
            query = query.Where(client => client.Email == search.Email.Trim());
        }

        var page = search.ToPage();
        Page.WriteTotalCount(response, await query.CountAsync(cancellationToken));
        var clients = await query
            .OrderBy(client => client.Id)
            .Skip(page.Skip)
            .Take(page.Limit)
            .Select(client => ClientResponse.From(client))
            .ToArrayAsync(cancellationToken);
        return TypedResults.Ok(clients);
    }

    private static async Task<Results<Ok<ClientResponse>, ProblemHttpResult>> GetAsync(
        [Description("Identifiant du client.")] int id, ClientsDbContext db, CancellationToken cancellationToken)
    {
        var client = await db.Clients.AsNoTracking().FirstOrDefaultAsync(client => client.Id == id, cancellationToken);
        return client is null ? Problems.NotFound(CustomerMessages.NotFound) : TypedResults.Ok(ClientResponse.From(client));
    }

    private static async Task<Results<Created<ClientResponse>, ProblemHttpResult>> CreateAsync(
        CreateClientRequest request,
        ClientsDbContext db,
        IPasswordHasher<Client> hasher,
        TimeProvider clock,
        ILogger<Client> logger,
        CancellationToken cancellationToken)
    {
        if (await EmailTakenAsync(db, request.Email!, exceptId: null, cancellationToken))
        {
            return Problems.Conflict(CustomerMessages.DuplicateEmail);
        }

        var client = new Client
        {
            Nom = request.Nom!,
            Prenom = request.Prenom!,
            Email = request.Email!,
            Telephone = OptionalText.NullIfBlank(request.Telephone),
            Adresse = OptionalText.NullIfBlank(request.Adresse),
            MotDePasseHash = "",
            CreatedAt = clock.GetUtcNow(),
        };
        client.MotDePasseHash = hasher.HashPassword(client, request.MotDePasse!);
        await db.Clients.AddAsync(client, cancellationToken);
        db.AddEvent(ClientEvents.CreatedKey, ClientEvents.Created(client, client.CreatedAt));

        if (await db.TrySaveAsync<Client>(null, CustomerMessages.DuplicateEmail, CustomerMessages.NotFound, cancellationToken) is { } problem)
        {
            return problem;
        }

        CustomerLog.Created(logger, client.Id);
        return TypedResults.Created($"/customers/{client.Id}", ClientResponse.From(client));
    }

    private static async Task<Results<Ok<ClientResponse>, ProblemHttpResult>> UpdateAsync(
        [Description("Identifiant du client.")] int id,
        UpdateClientRequest request,
        ClientsDbContext db,
        IPasswordHasher<Client> hasher,
        TimeProvider clock,
        ILogger<Client> logger,
        CancellationToken cancellationToken)
    {
        var client = await db.Clients.FirstOrDefaultAsync(client => client.Id == id, cancellationToken);
        if (client is null)
        {
            return Problems.NotFound(CustomerMessages.NotFound);
        }

        if (request.Email is not null && await EmailTakenAsync(db, request.Email, exceptId: id, cancellationToken))
        {
            return Problems.Conflict(CustomerMessages.DuplicateEmail);
        }

        client.Nom = request.Nom ?? client.Nom;
        client.Prenom = request.Prenom ?? client.Prenom;
        client.Email = request.Email ?? client.Email;
        client.Telephone = OptionalText.Update(client.Telephone, request.Telephone);
        client.Adresse = OptionalText.Update(client.Adresse, request.Adresse);
        if (request.MotDePasse is not null)
        {
            client.MotDePasseHash = hasher.HashPassword(client, request.MotDePasse);
        }

        db.AddEvent(ClientEvents.UpdatedKey, ClientEvents.Updated(client, clock.GetUtcNow()));
        if (await db.TrySaveAsync<Client>(id, CustomerMessages.DuplicateEmail, CustomerMessages.NotFound, cancellationToken) is { } problem)
        {
            return problem;
        }

        CustomerLog.Updated(logger, client.Id);
        return TypedResults.Ok(ClientResponse.From(client));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        [Description("Identifiant du client.")] int id, ClientsDbContext db, TimeProvider clock, ILogger<Client> logger, CancellationToken cancellationToken)
    {
        var client = await db.Clients.FirstOrDefaultAsync(client => client.Id == id, cancellationToken);
        if (client is null)
        {
            return Problems.NotFound(CustomerMessages.NotFound);
        }

        db.Clients.Remove(client);
        db.AddEvent(ClientEvents.DeletedKey, ClientEvents.Deleted(client, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        CustomerLog.Deleted(logger, id);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<ClientResponse>, ProblemHttpResult>> LoginAsync(
        LoginRequest request,
        ClientsDbContext db,
        IPasswordHasher<Client> hasher,
        LoginThrottle throttle,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        var email = LoginThrottle.Normalize(request.Email!);
        if (await throttle.CountAttemptAsync(email, cancellationToken) is { } retryAfter)
        {
            RetryAfter.Write(response, retryAfter);
            return Problems.TooManyRequests(CustomerMessages.TooManyLoginAttempts);
        }

        var client = await db.Clients.FirstOrDefaultAsync(client => client.Email == email, cancellationToken);
        if (client is null)
        {
            // Hash anyway: an unknown e-mail must take as long as a wrong password, or timing would reveal accounts.
            hasher.VerifyHashedPassword(DummyClient.Instance, DummyClient.Instance.MotDePasseHash, request.MotDePasse!);
            return Problems.Unauthorized(CustomerMessages.BadCredentials);
        }

        var verification = hasher.VerifyHashedPassword(client, client.MotDePasseHash, request.MotDePasse!);
        if (verification == PasswordVerificationResult.Failed || !client.Actif)
        {
            return Problems.Unauthorized(CustomerMessages.BadCredentials);
        }

        if (verification == PasswordVerificationResult.SuccessRehashNeeded)
        {
            client.MotDePasseHash = hasher.HashPassword(client, request.MotDePasse!);
            await db.SaveChangesAsync(cancellationToken);
        }

        await throttle.ResetAsync(email, cancellationToken);
        return TypedResults.Ok(ClientResponse.From(client));
    }

    private static Task<bool> EmailTakenAsync(ClientsDbContext db, string email, int? exceptId, CancellationToken cancellationToken) =>
        db.Clients.AnyAsync(client => client.Email == email && client.Id != exceptId, cancellationToken);

    private static class DummyClient
    {
        public static readonly Client Instance = Create();

        private static Client Create()
        {
            var client = new Client { Nom = "", Prenom = "", Email = "", MotDePasseHash = "" };
            client.MotDePasseHash = new PasswordHasher<Client>().HashPassword(client, Guid.NewGuid().ToString());
            return client;
        }
    }
}
