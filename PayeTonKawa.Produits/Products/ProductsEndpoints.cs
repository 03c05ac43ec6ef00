using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PayeTonKawa.Produits.Data;
using PayeTonKawa.Produits.Messaging;
using PayeTonKawa.Produits.Stock;
using PayeTonKawa.ServiceDefaults.Data;
using PayeTonKawa.ServiceDefaults.Http;
using PayeTonKawa.Messaging;
using PayeTonKawa.ServiceDefaults.OpenApi;
using PayeTonKawa.ServiceDefaults.Security;

namespace PayeTonKawa.Produits.Products;

public static class ProductsEndpoints
{
    public static IEndpointRouteBuilder MapProductsEndpoints(this IEndpointRouteBuilder app)
    {
        var products = app.MapGroup("/products").WithTags("Produits");

        products.MapGet("/", ListAsync)
            .RequireScope(Scopes.ProduitsRead)
            .Validate<ProductSearch>()
            .WithSummary("Lister les produits")
            .WithDescription("Triés par id ; filtres q, origine, prix_min, prix_max, actif ; le nombre total de résultats est dans X-Total-Count.")
            .ProducesFieldError("prix_min supérieur à prix_max.", "prix_min", ProductMessages.PriceRange);

        products.MapGet("/{id}", GetAsync)
            .RequireScope(Scopes.ProduitsRead)
            .WithSummary("Lire un produit")
            .ProducesError(StatusCodes.Status404NotFound, UnknownProduct, ProductMessages.NotFound);

        products.MapPost("/", CreateAsync)
            .RequireScope(Scopes.ProduitsWrite)
            .Validate<CreateProductRequest>()
            .WithSummary("Créer un produit");

        products.MapPut("/{id}", UpdateAsync)
            .RequireScope(Scopes.ProduitsWrite)
            .Validate<UpdateProductRequest>()
            .WithSummary("Modifier un produit")
            .WithDescription("Modification partielle : seuls les champs envoyés changent ; actif ne se règle qu'ici.")
            .ProducesError(StatusCodes.Status404NotFound, UnknownProduct, ProductMessages.NotFound)
            .ProducesError(StatusCodes.Status409Conflict, ChangedMeanwhile, ProductMessages.ConcurrentChange);

        products.MapDelete("/{id}", DeleteAsync)
            .RequireScope(Scopes.ProduitsWrite)
            .WithSummary("Supprimer un produit")
            .ProducesError(StatusCodes.Status404NotFound, UnknownProduct, ProductMessages.NotFound)
            .ProducesError(StatusCodes.Status409Conflict, ChangedMeanwhile, ProductMessages.ConcurrentChange);

        return app;
    }

    internal const string UnknownProduct = "Aucun produit n'a cet identifiant.";
    internal const string ChangedMeanwhile = "Le produit a été modifié par une autre requête (ou une réservation de stock) pendant celle-ci.";

    private static async Task<Ok<ProductResponse[]>> ListAsync(
        [AsParameters] ProductSearch search, ProduitsDbContext db, HttpResponse response, CancellationToken cancellationToken)
    {
        var query = db.Produits.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search.Q))
        {
            var pattern = SearchText.Contains(search.Q);
            query = query.Where(produit => EF.Functions.ILike(produit.Nom, pattern)
                || (produit.Description != null && EF.Functions.ILike(produit.Description, pattern)));
        }

        if (!string.IsNullOrWhiteSpace(search.Origine))
        {
            var pattern = SearchText.Contains(search.Origine);
            query = query.Where(produit => produit.Origine != null && EF.Functions.ILike(produit.Origine, pattern));
        }

        if (search.PrixMin is { } min)
        {
            query = query.Where(produit => produit.Prix >= min);
        }

        if (search.PrixMax is { } max)
        {
            query = query.Where(produit => produit.Prix <= max);
        }

        if (search.Actif is { } actif)
        {
            query = query.Where(produit => produit.Actif == actif);
        }

        var page = search.ToPage();
        Page.WriteTotalCount(response, await query.CountAsync(cancellationToken));
        var produits = await query
            .OrderBy(produit => produit.Id)
            .Skip(page.Skip)
            .Take(page.Limit)
            .Select(produit => ProductResponse.From(produit))
            .ToArrayAsync(cancellationToken);
        return TypedResults.Ok(produits);
    }

    private static async Task<Results<Ok<ProductResponse>, ProblemHttpResult>> GetAsync(
        [Description("Identifiant du produit.")] int id, ProduitsDbContext db, CancellationToken cancellationToken)
    {
        var produit = await db.Produits.AsNoTracking().FirstOrDefaultAsync(produit => produit.Id == id, cancellationToken);
        return produit is null ? Problems.NotFound(ProductMessages.NotFound) : TypedResults.Ok(ProductResponse.From(produit));
    }

    private static async Task<Created<ProductResponse>> CreateAsync(
        CreateProductRequest request, ProduitsDbContext db, TimeProvider clock, ILogger<Produit> logger, CancellationToken cancellationToken)
    {
        var produit = new Produit
        {
            Nom = request.Nom!,
            Description = OptionalText.NullIfBlank(request.Description),
            Prix = request.Prix!.Value,
            Stock = request.Stock ?? 0,
            Origine = OptionalText.NullIfBlank(request.Origine),
            PoidsKg = request.PoidsKg ?? 1.0m,
            ImageUrl = OptionalText.NullIfBlank(request.ImageUrl),
            DateCreation = clock.GetUtcNow(),
        };
        await db.Produits.AddAsync(produit, cancellationToken);
        db.AddEvent(ProduitEvents.CreatedKey, ProduitEvents.Created(produit, produit.DateCreation));
        await db.SaveChangesAsync(cancellationToken);
        ProductLog.Created(logger, produit.Id);
        return TypedResults.Created($"/products/{produit.Id}", ProductResponse.From(produit));
    }

    private static async Task<Results<Ok<ProductResponse>, ProblemHttpResult>> UpdateAsync(
        [Description("Identifiant du produit.")] int id,
        UpdateProductRequest request,
        ProduitsDbContext db,
        StockAlerts alerts,
        TimeProvider clock,
        ILogger<Produit> logger,
        CancellationToken cancellationToken)
    {
        var produit = await db.Produits.FirstOrDefaultAsync(produit => produit.Id == id, cancellationToken);
        if (produit is null)
        {
            return Problems.NotFound(ProductMessages.NotFound);
        }

        produit.Nom = request.Nom ?? produit.Nom;
        produit.Description = OptionalText.Update(produit.Description, request.Description);
        produit.Prix = request.Prix ?? produit.Prix;
        produit.Stock = request.Stock ?? produit.Stock;
        produit.Origine = OptionalText.Update(produit.Origine, request.Origine);
        produit.PoidsKg = request.PoidsKg ?? produit.PoidsKg;
        produit.ImageUrl = OptionalText.Update(produit.ImageUrl, request.ImageUrl);
        produit.Actif = request.Actif ?? produit.Actif;
        produit.DateModification = clock.GetUtcNow();
        db.AddEvent(ProduitEvents.UpdatedKey, ProduitEvents.Updated(produit, produit.DateModification.Value));
        alerts.CheckAfterChange(db, produit);
        if (await db.TrySaveAsync<Produit>(id, ProductMessages.ConcurrentChange, ProductMessages.NotFound, cancellationToken) is { } problem)
        {
            return problem;
        }

        ProductLog.Updated(logger, id);
        return TypedResults.Ok(ProductResponse.From(produit));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        [Description("Identifiant du produit.")] int id, ProduitsDbContext db, TimeProvider clock, ILogger<Produit> logger, CancellationToken cancellationToken)
    {
        var produit = await db.Produits.FirstOrDefaultAsync(produit => produit.Id == id, cancellationToken);
        if (produit is null)
        {
            return Problems.NotFound(ProductMessages.NotFound);
        }

        db.Produits.Remove(produit);
        db.AddEvent(ProduitEvents.DeletedKey, ProduitEvents.Deleted(produit, clock.GetUtcNow()));
        if (await db.TrySaveAsync<Produit>(id, ProductMessages.ConcurrentChange, ProductMessages.NotFound, cancellationToken) is { } problem)
        {
            return problem;
        }

        ProductLog.Deleted(logger, id);
        return TypedResults.NoContent();
    }
}
