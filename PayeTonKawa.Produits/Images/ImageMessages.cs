namespace PayeTonKawa.Produits.Images;

internal static class ImageMessages
{
    public const string InvalidFormat = "Format invalide. Formats acceptes : jpg, jpeg, png, webp";
    public const string NotFound = "Image non trouvee";
    public const string Empty = "Le fichier envoyé est vide.";

    public static string TooLarge(long maxBytes) => $"L'image dépasse la taille maximale autorisée ({maxBytes / (1024 * 1024)} Mo).";
}
