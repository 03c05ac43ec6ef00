using System.ComponentModel;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using PayeTonKawa.Produits.Data;
using PayeTonKawa.Produits.Products;
using PayeTonKawa.ServiceDefaults.Data;
using PayeTonKawa.ServiceDefaults.Http;
using PayeTonKawa.ServiceDefaults.OpenApi;
using PayeTonKawa.ServiceDefaults.Security;

namespace PayeTonKawa.Produits.Images;

public static partial class ImagesEndpoints
{
    private const string FileField = "file";

    // Room for the multipart boundaries and part headers around the image itself.
    private const long FormOverhead = 64 * 1024;

    public static IEndpointRouteBuilder MapImagesEndpoints(this IEndpointRouteBuilder app)
    {
        // The form is read by the handler (not bound to an IFormFile), so that every refusal is a French problem and
        // an announced oversized body is refused before it is read; Accepts answers 415 to any other content type.
        // Images:MaxBytes, enforced by the handler, replaces the global body limit here.
        // Antiforgery does not apply: the caller is authenticated by an API key, not by a cookie.
        app.MapPost("/products/{id}/image", UploadAsync)
            .RequireScope(Scopes.ProduitsWrite)
            .WithRequestBodyLimit(null)
            .Accepts<ImageUpload>("multipart/form-data")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .WithTags("Produits")
            .WithSummary("Envoyer l'image d'un produit")
            .WithDescription("Formulaire multipart, champ file : jpg, jpeg, png ou webp (contenu vérifié), 5 Mo au plus. Remplace l'image précédente.")
            .ProducesError(StatusCodes.Status400BadRequest,
                "Extension autre que jpg, jpeg, png ou webp, ou contenu qui n'est pas une image de ce format.", ImageMessages.InvalidFormat)
            .ProducesError(StatusCodes.Status404NotFound, ProductsEndpoints.UnknownProduct, ProductMessages.NotFound)
            .ProducesError(StatusCodes.Status409Conflict, ProductsEndpoints.ChangedMeanwhile, ProductMessages.ConcurrentChange)
            .ProducesError(StatusCodes.Status413PayloadTooLarge,
                "Image de plus de 5 Mo (réglage Images:MaxBytes ; le message donne la limite réglée).", ImageMessages.TooLarge(new ImageOptions().MaxBytes))
            .ProducesError(StatusCodes.Status415UnsupportedMediaType,
                "Corps qui n'est pas un formulaire multipart/form-data.", Messages.UnsupportedMediaType)
            .ProducesFieldError("Requête sans Content-Type.", FileField, ImageMessages.NotMultipart)
            .ProducesFieldError("Formulaire sans champ file.", FileField, ImageMessages.MissingFile)
            .ProducesFieldError("Formulaire multipart illisible.", FileField, ImageMessages.UnreadableForm)
            .ProducesFieldError("Fichier vide.", FileField, ImageMessages.Empty);

        app.MapGet("/products/uploads/{filename}", DownloadAsync)
            .WithTags("Produits")
            .WithSummary("Télécharger l'image d'un produit (public)")
            .ProducesImage();
        app.MapGet("/uploads/{filename}", DownloadAsync)
            .WithTags("Produits")
            .WithSummary("Télécharger l'image d'un produit (public, ancienne adresse)")
            .ProducesImage();

        return app;
    }

    private static RouteHandlerBuilder ProducesImage(this RouteHandlerBuilder builder) => builder
        .WithDescription("Réponse avec ETag et Last-Modified (Cache-Control: public, no-cache) : une requête conditionnelle reçoit 304 si l'image n'a pas changé.")
        .Produces(StatusCodes.Status200OK, typeof(Stream), ImageFormat.All[0].ContentType,
            additionalContentTypes: [.. ImageFormat.All.Skip(1).Select(format => format.ContentType)])
        .Produces(StatusCodes.Status304NotModified)
        .ProducesError(StatusCodes.Status404NotFound, "Nom de fichier d'une autre forme, ou aucune image de ce produit avec cette extension.", ImageMessages.NotFound);

    private static async Task<Results<Ok<ProductResponse>, ProblemHttpResult>> UploadAsync(
        [Description("Identifiant du produit.")] int id,
        HttpRequest request,
        ProduitsDbContext db,
        IOptions<ImageOptions> options,
        TimeProvider clock,
        ILogger<ProduitImage> logger,
        CancellationToken cancellationToken)
    {
        var maxBytes = options.Value.MaxBytes;
        if (request.ContentLength > maxBytes + FormOverhead)
        {
            return TooLarge(maxBytes);
        }

        // Accepts has already refused other content types; a request without any still arrives here.
        if (!request.HasFormContentType)
        {
            return Problems.Validation(FileField, ImageMessages.NotMultipart);
        }

        var produit = await db.Produits.FirstOrDefaultAsync(produit => produit.Id == id, cancellationToken);
        if (produit is null)
        {
            return Problems.NotFound(ProductMessages.NotFound);
        }

        // Also stops a body that does not announce its length (chunked) once it passes the limit.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = maxBytes + FormOverhead;
        }

        IFormFile? file;
        try
        {
            file = (await request.ReadFormAsync(cancellationToken)).Files.GetFile(FileField);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(maxBytes);
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException)
        {
            return Problems.Validation(FileField, ImageMessages.UnreadableForm);
        }

        if (file is null)
        {
            return Problems.Validation(FileField, ImageMessages.MissingFile);
        }

        if (file.Length > maxBytes)
        {
            return TooLarge(maxBytes);
        }

        if (file.Length == 0)
        {
            return Problems.Validation(FileField, ImageMessages.Empty);
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
        if (await db.TrySaveAsync<Produit>(id, ProductMessages.ConcurrentChange, ProductMessages.NotFound, cancellationToken) is { } problem)
        {
            return problem;
        }

        ProductLog.ImageStored(logger, id, content.Length);
        return TypedResults.Ok(ProductResponse.From(produit));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DownloadAsync(
        [Description("Nom donné par image_url : produit_{id}.{extension}.")] string filename, ProduitsDbContext db, HttpResponse response, CancellationToken cancellationToken)
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

        // The address stays the same when an image is replaced: caches must revalidate (a cheap 304 thanks to the ETag).
        response.Headers.CacheControl = "public, no-cache";
        var etag = new EntityTagHeaderValue($"\"{image.DateModification.UtcTicks:x}\"");
        return TypedResults.File(image.Contenu, image.ContentType, lastModified: image.DateModification, entityTag: etag);
    }

    private static ProblemHttpResult TooLarge(long maxBytes) =>
        TypedResults.Problem(ImageMessages.TooLarge(maxBytes), statusCode: StatusCodes.Status413PayloadTooLarge);

    // Only the address an upload gives out: no leading zeros, no other name reaching the same image.
    [GeneratedRegex("^produit_(?<id>[1-9][0-9]{0,9})\\.(?<extension>jpg|jpeg|png|webp)$", RegexOptions.IgnoreCase)]
    private static partial Regex FileName();
}
