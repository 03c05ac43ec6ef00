using System.Globalization;

namespace PayeTonKawa.Produits.Images;

internal static class ImageMessages
{
    public const string InvalidFormat = "Format invalide. Formats acceptes : jpg, jpeg, png, webp";
    public const string NotFound = "Image non trouvee";
    public const string NotMultipart = "Envoyez l'image dans un formulaire multipart/form-data, champ « file ».";
    public const string MissingFile = "Le champ « file » est obligatoire.";
    public const string UnreadableForm = "Le formulaire multipart est illisible.";
    public const string Empty = "Le fichier envoyé est vide.";

    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public static string TooLarge(long maxBytes) =>
        string.Format(French, "L'image dépasse la taille maximale autorisée ({0:0.##} Mo).", maxBytes / (1024.0 * 1024.0));
}
