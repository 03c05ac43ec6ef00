namespace PayeTonKawa.Tests.Contracts;

/// <summary>
/// One request of the Postman collection, as newman sends it: its API (named by the base URL variable its address
/// starts with, <c>{{base_url_clients}}</c> → <c>clients</c>), its method and its path without the query string nor a
/// trailing slash. A segment may hold a variable (<c>{{client_id}}</c>) or a concrete value (<c>file-inconnue</c>).
/// </summary>
public sealed record PostmanRequest(string Folder, string Name, string Api, string Method, string Path)
{
    public string[] Segments => Path.Split('/', StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() => $"« {Folder} / {Name} » ({Method} {Api}{Path})";
}
