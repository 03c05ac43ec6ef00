using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using PayeTonKawa.Produits.Data;
using PayeTonKawa.Produits.Products;
using PayeTonKawa.ServiceDefaults.Http;
using PayeTonKawa.ServiceDefaults.Security;

namespace PayeTonKawa.Produits.Images;

public static partial class ImagesApi
{
    public static IEndpointRouteBuilder MapImagesApi(this IEndpointRouteBuilder app)
    {
        // API keys, not cookies, authenticate this upload: there is no cross-site request to forge.
        app.MapPost("/products/{id}/image", UploadAsync)
            .RequireAuthorization(Scopes.ProduitsWrite)
            .DisableAntiforgery()
            .WithTags("Produits")
            .WithSummary("Envoyer l'image d'un produit")
            .WithDescription("Formulaire multipart, champ file : jpg, jpeg, png ou webp (contenu vérifié), 5 Mo au plus. Remplace l'image précédente.");

        app.MapGet("/products/uploads/{filename}", DownloadAsync)
            .WithTags("Produits")
            .WithSummary("Télécharger l'image d'un produit (public)");
        app.MapGet("/uploads/{filename}", DownloadAsync)
            .WithTags("Produits")
            .WithSummary("Télécharger l'image d'un produit (public, ancienne adresse)");

        return app;
    }

    private static async Task<Results<Ok<ProductResponse>, ProblemHttpResult>> UploadAsync(
        int id,
        IFormFile file,
        ProduitsDbContext db,
        IOptions<ImageOptions> options,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var produit = await db.Produits.FirstOrDefaultAsync(produit => produit.Id == id, cancellationToken);
        if (produit is null)
        {
            return Problems.NotFound(ProductMessages.NotFound);
        }

        if (file.Length > options.Value.MaxBytes)
        {
            return TypedResults.Problem(ImageMessages.TooLarge(options.Value.MaxBytes), statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        if (file.Length == 0)
        {
            return Problems.Validation("file", ImageMessages.Empty);
        }

        var extension = Path.GetExtension(file.FileName).TrimStart('.').ToLowerInvariant();
        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, cancellationToken);
        }

        var format = ImageFormat.ForExtension(extension);
        if (format is null || !format.Matches(content))
        {
            return Problems.BadRequest(ImageMessages.InvalidFormat);
        }

        var now = clock.GetUtcNow();
        var image = await db.Images.FirstOrDefaultAsync(image => image.ProduitId == id, cancellationToken);
        if (image is null)
        {
            image = new ProduitImage { ProduitId = id, Contenu = content, ContentType = format.ContentType, Extension = extension };
            db.Images.Add(image);
        }

        image.Contenu = content;
        image.ContentType = format.ContentType;
        image.Extension = extension;
        image.DateModification = now;
        produit.ImageUrl = $"/uploads/produit_{id}.{extension}";
        produit.DateModification = now;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ProductResponse.From(produit));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DownloadAsync(
        string filename, ProduitsDbContext db, HttpResponse response, CancellationToken cancellationToken)
    {
        var match = FileName().Match(filename);
        if (!match.Success || !int.TryParse(match.Groups["id"].ValueSpan, out var id))
        {
            return Problems.NotFound(ImageMessages.NotFound);
        }

        var extension = match.Groups["extension"].Value.ToLowerInvariant();
        var image = await db.Images.AsNoTracking()
            .FirstOrDefaultAsync(image => image.ProduitId == id && image.Extension == extension, cancellationToken);
        if (image is null)
        {
            return Problems.NotFound(ImageMessages.NotFound);
        }

        response.Headers.CacheControl = "public, max-age=300";
        var etag = new EntityTagHeaderValue($"\"{image.DateModification.UtcTicks:x}\"");
        return TypedResults.File(image.Contenu, image.ContentType, lastModified: image.DateModification, entityTag: etag);
    }

    [GeneratedRegex("^produit_(?<id>[0-9]{1,10})\\.(?<extension>jpg|jpeg|png|webp)$", RegexOptions.IgnoreCase)]
    private static partial Regex FileName();
}
