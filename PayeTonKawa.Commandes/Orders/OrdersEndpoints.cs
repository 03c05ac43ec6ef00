using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PayeTonKawa.Commandes.Data;
using PayeTonKawa.Commandes.Messaging;
using PayeTonKawa.ServiceDefaults.Data;
using PayeTonKawa.ServiceDefaults.Http;
using PayeTonKawa.Messaging;
using PayeTonKawa.ServiceDefaults.OpenApi;
using PayeTonKawa.ServiceDefaults.Security;

namespace PayeTonKawa.Commandes.Orders;

public static class OrdersEndpoints
{
    public static IEndpointRouteBuilder MapOrdersEndpoints(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/orders").WithTags("Commandes");

        orders.MapGet("/", ListAsync)
            .RequireScope(Scopes.CommandesRead)
            .Validate<OrderSearch>()
            .WithSummary("Lister les commandes")
            .WithDescription("Avec leurs lignes, triées par id ; filtres statut et client_id ; le nombre total de résultats est dans X-Total-Count.")
            .ProducesFieldError("Statut inconnu.", "statut", OrderMessages.UnknownStatus);

        orders.MapGet("/{id}", GetAsync)
            .RequireScope(Scopes.CommandesRead)
            .WithSummary("Lire une commande")
            .ProducesError(StatusCodes.Status404NotFound, UnknownOrder, OrderMessages.NotFound);

        orders.MapGet("/client/{client_id}", ListForClientAsync)
            .RequireScope(Scopes.CommandesRead)
            .Validate<PageQuery>()
            .WithSummary("Lister les commandes d'un client")
            .WithDescription("Tableau vide quand le client n'a pas de commande.");

        orders.MapPost("/", CreateAsync)
            .RequireScope(Scopes.CommandesWrite)
            .Validate<CreateOrderRequest>()
            .WithSummary("Créer une commande")
            .WithDescription("Le total est calculé par le serveur ; la commande est en_attente jusqu'à la réservation de son stock. "
                + "Avec l'en-tête Idempotency-Key, la même commande renvoyée avec la même clé (réponse perdue, coupure, 503) "
                + "rend la commande déjà créée au lieu d'en créer une seconde.")
            .ProducesFieldError("Aucune ligne.", "lignes", OrderMessages.AtLeastOneLine)
            .ProducesFieldError($"Plus de {CreateOrderValidator.MaxLines} lignes.", "lignes", OrderMessages.TooManyLines)
            .ProducesError(StatusCodes.Status400BadRequest, "En-tête Idempotency-Key invalide.", OrderMessages.InvalidIdempotencyKey)
            .ProducesError(StatusCodes.Status409Conflict, "Clé d'idempotence déjà utilisée pour une autre commande.", OrderMessages.IdempotencyKeyReused);

        orders.MapPut("/{id}", UpdateStatusAsync)
            .RequireScope(Scopes.CommandesWrite)
            .Validate<UpdateOrderStatusRequest>()
            .WithSummary("Changer le statut d'une commande")
            .WithDescription("en_preparation, expediee, livree ou annulee, dans l'ordre du cycle de vie ; 409 avec la raison sinon.")
            .ProducesFieldError("Statut inconnu.", "statut", OrderMessages.UnknownStatus)
            .ProducesError(StatusCodes.Status404NotFound, UnknownOrder, OrderMessages.NotFound)
            .ProducesStatusRefusals()
            .ProducesError(StatusCodes.Status409Conflict, ChangedMeanwhile, OrderMessages.ConcurrentChange);

        orders.MapDelete("/{id}", DeleteAsync)
            .RequireScope(Scopes.CommandesWrite)
            .WithSummary("Supprimer une commande")
            .ProducesError(StatusCodes.Status404NotFound, UnknownOrder, OrderMessages.NotFound)
            .ProducesError(StatusCodes.Status409Conflict, ChangedMeanwhile, OrderMessages.ConcurrentChange);

        return app;
    }

    private const string UnknownOrder = "Aucune commande n'a cet identifiant.";
    private const string ChangedMeanwhile = "La commande a été modifiée par une autre requête (ou par la réservation de son stock) pendant celle-ci.";

    // A few of the refusals of the lifecycle, worded by Statuts itself; docs/API.md lists them all.
    private static RouteHandlerBuilder ProducesStatusRefusals(this RouteHandlerBuilder builder)
    {
        (string From, string To)[] examples =
        [
            (Statuts.EnAttente, Statuts.EnPreparation),
            (Statuts.Validee, Statuts.Livree),
            (Statuts.EnAttente, Statuts.Validee),
            (Statuts.Expediee, Statuts.Annulee),
            (Statuts.Livree, Statuts.Annulee),
            (Statuts.EnPreparation, Statuts.ClientSupprime),
        ];
        foreach (var (from, to) in examples)
        {
            builder.ProducesError(StatusCodes.Status409Conflict, $"Passage refusé de {from} à {to}.", Statuts.RefusalForCaller(from, to));
        }

        return builder;
    }

    private static async Task<Ok<OrderResponse[]>> ListAsync(
        [AsParameters] OrderSearch search, CommandesDbContext db, HttpResponse response, CancellationToken cancellationToken)
    {
        var query = db.Commandes.AsNoTracking();
        if (search.Statut is not null)
        {
            query = query.Where(commande => commande.Statut == search.Statut);
        }

        if (search.ClientId is { } clientId)
        {
            query = query.Where(commande => commande.ClientId == clientId);
        }

        return TypedResults.Ok(await PageAsync(query, search, response, cancellationToken));
    }

    private static async Task<Ok<OrderResponse[]>> ListForClientAsync(
        [FromRoute(Name = "client_id")][Description("Identifiant du client.")] int clientId,
        [AsParameters] PageQuery paging,
        CommandesDbContext db,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        var query = db.Commandes.AsNoTracking().Where(commande => commande.ClientId == clientId);
        return TypedResults.Ok(await PageAsync(query, paging, response, cancellationToken));
    }

    private static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> GetAsync(
        [Description("Identifiant de la commande.")] int id, CommandesDbContext db, CancellationToken cancellationToken)
    {
        var commande = await db.Commandes.AsNoTracking().Include(commande => commande.Lignes)
            .FirstOrDefaultAsync(commande => commande.Id == id, cancellationToken);
        return commande is null ? Problems.NotFound(OrderMessages.NotFound) : TypedResults.Ok(OrderResponse.From(commande));
    }

    private static async Task<Results<Created<OrderResponse>, ProblemHttpResult>> CreateAsync(
        CreateOrderRequest request,
        [FromHeader(Name = IdempotencyKeys.HeaderName)][Description("Clé choisie par le client pour cette commande (1 à 100 caractères : lettres, chiffres, - _ . :), facultative : renvoyer la même commande avec la même clé ne la crée pas deux fois.")] string? idempotencyKey,
        CommandesDbContext db,
        TimeProvider clock,
        ILogger<Commande> logger,
        CancellationToken cancellationToken)
    {
        if (idempotencyKey is not null)
        {
            if (!IdempotencyKeys.IsValid(idempotencyKey))
            {
                return Problems.BadRequest(OrderMessages.InvalidIdempotencyKey);
            }

            if (await FindByKeyAsync(db, idempotencyKey, cancellationToken) is { } existing)
            {
                return Replay(existing, request);
            }
        }

        var lignes = request.Lignes!.Select(line => new LigneCommande
        {
            ProduitId = line!.ProduitId!.Value,
            Quantite = line.Quantite ?? 1,
            PrixUnitaire = line.PrixUnitaire!.Value,
        }).ToList();
        var commande = new Commande
        {
            ClientId = request.ClientId!.Value,
            Statut = Statuts.EnAttente,
            Lignes = lignes,
            Total = lignes.Sum(ligne => ligne.PrixUnitaire * ligne.Quantite),
            DateCommande = clock.GetUtcNow(),
            IdempotencyKey = idempotencyKey,
        };
        await db.Commandes.AddAsync(commande, cancellationToken);
        db.AddEvent(CommandeEvents.CreatedKey, CommandeEvents.Created(commande));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (idempotencyKey is not null
            && exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // The same key sent twice at once: the other request created the order first.
            db.ChangeTracker.Clear();
            return Replay((await FindByKeyAsync(db, idempotencyKey, cancellationToken))!, request);
        }

        OrderLog.Created(logger, commande.Id, commande.ClientId, lignes.Count, commande.Total);
        return TypedResults.Created($"/orders/{commande.Id}", OrderResponse.From(commande));
    }

    private static Task<Commande?> FindByKeyAsync(CommandesDbContext db, string idempotencyKey, CancellationToken cancellationToken) =>
        db.Commandes.AsNoTracking().Include(commande => commande.Lignes)
            .FirstOrDefaultAsync(commande => commande.IdempotencyKey == idempotencyKey, cancellationToken);

    // The order as it is now (its status may have moved on), with the answer its creation had.
    private static Results<Created<OrderResponse>, ProblemHttpResult> Replay(Commande existing, CreateOrderRequest request) =>
        IdempotencyKeys.IsSameOrder(existing, request)
            ? TypedResults.Created($"/orders/{existing.Id}", OrderResponse.From(existing))
            : Problems.Conflict(OrderMessages.IdempotencyKeyReused);

    private static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> UpdateStatusAsync(
        [Description("Identifiant de la commande.")] int id,
        UpdateOrderStatusRequest request,
        CommandesDbContext db,
        TimeProvider clock,
        ILogger<Commande> logger,
        CancellationToken cancellationToken)
    {
        var commande = await db.Commandes.Include(commande => commande.Lignes)
            .FirstOrDefaultAsync(commande => commande.Id == id, cancellationToken);
        if (commande is null)
        {
            return Problems.NotFound(OrderMessages.NotFound);
        }

        var statut = request.Statut!;
        if (Statuts.RefusalForCaller(commande.Statut, statut) is { } refusal)
        {
            return Problems.Conflict(refusal);
        }

        if (statut != commande.Statut)
        {
            var previous = commande.Statut;
            db.ChangeStatus(commande, statut, clock.GetUtcNow());
            if (await db.TrySaveAsync<Commande>(id, OrderMessages.ConcurrentChange, OrderMessages.NotFound, cancellationToken) is { } problem)
            {
                return problem;
            }

            OrderLog.StatusChanged(logger, id, previous, statut);
        }

        return TypedResults.Ok(OrderResponse.From(commande));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        [Description("Identifiant de la commande.")] int id, CommandesDbContext db, TimeProvider clock, ILogger<Commande> logger, CancellationToken cancellationToken)
    {
        var commande = await db.Commandes.FirstOrDefaultAsync(commande => commande.Id == id, cancellationToken);
        if (commande is null)
        {
            return Problems.NotFound(OrderMessages.NotFound);
        }

        db.Commandes.Remove(commande);
        db.AddEvent(CommandeEvents.DeletedKey, CommandeEvents.Deleted(commande, clock.GetUtcNow()));
        if (await db.TrySaveAsync<Commande>(id, OrderMessages.ConcurrentChange, OrderMessages.NotFound, cancellationToken) is { } problem)
        {
            return problem;
        }

        OrderLog.Deleted(logger, id);
        return TypedResults.NoContent();
    }

    private static async Task<OrderResponse[]> PageAsync(
        IQueryable<Commande> query, IPagedQuery paging, HttpResponse response, CancellationToken cancellationToken)
    {
        var page = paging.ToPage();
        Page.WriteTotalCount(response, await query.CountAsync(cancellationToken));
        var commandes = await query
            .OrderBy(commande => commande.Id)
            .Skip(page.Skip)
            .Take(page.Limit)
            .Include(commande => commande.Lignes)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        return [.. commandes.Select(OrderResponse.From)];
    }
}
