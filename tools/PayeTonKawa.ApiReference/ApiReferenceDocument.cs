using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using PayeTonKawa.Commandes.Orders;
using PayeTonKawa.ServiceDefaults.Http;
using PayeTonKawa.ServiceDefaults.Security;
using PayeTonKawa.ServiceDefaults.Telemetry;

namespace PayeTonKawa.ApiReference;

/// <summary>
/// Renders <c>docs/API.md</c>, the French reference of every route, from the committed OpenAPI documents: routes,
/// summaries, parameters, bodies, statuses, and the exact error answers, which the documents carry as examples of each
/// error response (built by the endpoints from the services' message constants). What the documents cannot say comes
/// from the code itself: the messages every route may answer (<see cref="Messages"/>), the French templates of the
/// validation rules (FluentValidation), every refusal of the order lifecycle (<see cref="Statuts"/>), the quotas and
/// limits' defaults, and the routes that are not in the documents (<c>/alive</c>, <c>/metrics</c>, the documents
/// themselves and Scalar).
/// </summary>
public static class ApiReferenceDocument
{
    public const string FilePath = "docs/API.md";

    /// <summary>The development key of the AppHost (full access), used by every example.</summary>
    public const string DevelopmentKey = "secret_key_123";

    /// <summary>The development key Prometheus scrapes <c>/metrics</c> with (scope <c>metrics:read</c> only).</summary>
    public const string DevelopmentMetricsKey = "metrics_key_dev";

    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr");

    // The FluentValidation rules the validators use; a rule given a message of our own is documented with the route.
    private static readonly (string Rule, string Key)[] ValidationRules =
    [
        ("NotEmpty (champ obligatoire)", "NotEmptyValidator"),
        ("NotNull (champ obligatoire)", "NotNullValidator"),
        ("Length (longueur entre deux bornes)", "LengthValidator"),
        ("MaximumLength (longueur maximale)", "MaximumLengthValidator"),
        ("GreaterThan (strictement supérieur)", "GreaterThanValidator"),
        ("GreaterThanOrEqualTo (supérieur ou égal)", "GreaterThanOrEqualValidator"),
        ("LessThanOrEqualTo (inférieur ou égal)", "LessThanOrEqualValidator"),
        ("InclusiveBetween (entre deux bornes incluses)", "InclusiveBetweenValidator"),
        ("PrecisionScale (chiffres et décimales)", "ScalePrecisionValidator"),
    ];

    private static readonly Dictionary<string, string> Titles = new(StringComparer.Ordinal)
    {
        ["clients"] = "API Clients",
        ["produits"] = "API Produits",
        ["commandes"] = "API Commandes",
    };

    public static string Render(IReadOnlyList<ReferencedApi> apis)
    {
        var markdown = new Markdown();
        Introduction(markdown, apis);
        CommonRules(markdown, apis);
        foreach (var api in apis)
        {
            Api(markdown, api);
        }

        RoutesOutsideTheDocuments(markdown, apis);
        return markdown.ToString();
    }

    private static void Introduction(Markdown md, IReadOnlyList<ReferencedApi> apis)
    {
        md.Line("# Référence de l'API PayeTonKawa");
        md.Line();
        md.Line("> **Document généré, ne pas le modifier à la main.** Il est produit par `tools/PayeTonKawa.ApiReference` à partir");
        md.Line("> des documents OpenAPI committés (" + string.Join(", ", apis.Select(api => $"`{ReferencedApi.DocumentPath(api.Name)}`")) + ") et, pour ce que");
        md.Line("> ces documents ne disent pas, du code lui-même (messages d'erreur communs, règles de validation, cycle de vie des commandes).");
        md.Line("> Après un changement des API, on le régénère, avec les documents OpenAPI, par `./scripts/update-contracts.sh` ;");
        md.Line("> les tests `PayeTonKawa.Tests.Contracts` échouent tant que ces fichiers ne correspondent pas au code.");
        md.Line(">");
        md.Line("> **La référence vivante reste Scalar** : `/scalar` sur chaque API (" + string.Join(", ", apis.Select(api => $"http://localhost:{api.Port}/scalar")) + "),");
        md.Line("> qui lit le document OpenAPI servi par l'API elle-même (`/openapi/v1.json`) et permet d'essayer chaque route.");
        md.Line();
        md.Line("Sommaire : [Règles communes](#règles-communes) · " + string.Join(" · ", apis.Select(api => $"[{Titles[api.Name]}](#{Anchor(Titles[api.Name])})"))
            + " · [Routes absentes des documents OpenAPI](#routes-absentes-des-documents-openapi)");
        md.Line();
        md.Line("Les exemples `curl` visent le système lancé par `./scripts/run.sh` sur la machine de développement, avec la clé de développement");
        md.Line($"`{DevelopmentKey}` (accès complet) ; en production, chaque client a sa propre clé.");
        md.Line();
    }

    private static void CommonRules(Markdown md, IReadOnlyList<ReferencedApi> apis)
    {
        md.Line("## Règles communes");
        md.Line();
        md.Line("### Adresses");
        md.Line();
        md.Line("| API | Adresse locale | Scalar | Document OpenAPI servi | Document committé |");
        md.Line("|---|---|---|---|---|");
        foreach (var api in apis)
        {
            md.Line($"| {Titles[api.Name]} (`{api.Name}`) | http://localhost:{api.Port} | http://localhost:{api.Port}/scalar | http://localhost:{api.Port}/openapi/v1.json | `{ReferencedApi.DocumentPath(api.Name)}` |");
        }

        md.Line();
        md.Line("### Clé API et portées");
        md.Line();
        md.Line("Chaque route métier exige une clé API, dans l'en-tête `X-API-Key` ou en `Authorization: Bearer <clé>`. Chaque clé a des portées ;");
        md.Line("chaque route en exige une, indiquée avec la route. La clé historique unique (`ApiKeys:LegacyKey`) a toutes les portées (`*`).");
        md.Line($"Portées : {string.Join(", ", Scopes.Known.Select(scope => $"`{scope}`"))}.");
        md.Line();
        md.Line("| Code | Quand | Message (`detail`) |");
        md.Line("|---|---|---|");
        md.Line($"| 401 | Aucune clé (ni `X-API-Key` ni `Authorization: Bearer`) ; la réponse porte `WWW-Authenticate: ApiKey`. | {Quote(Messages.ApiKeyMissing)} |");
        md.Line($"| 403 | Clé inconnue. | {Quote(Messages.ApiKeyInvalid)} |");
        md.Line($"| 403 | Clé connue sans la portée de la route (`<nom>` est le nom de la clé dans la configuration). | {Quote(Messages.ApiKeyNotAllowed("<nom>"))} |");
        md.Line();
        md.Line("### Format des erreurs");
        md.Line();
        md.Line("Toute erreur est un *problem details* (RFC 9457, `application/problem+json`) : `status`, `title` (selon le code, ci-dessous),");
        md.Line("`detail` (le message en français, celui que donnent les tableaux de ce document), `request_id` (l'identifiant de la requête,");
        md.Line("repris de l'en-tête `X-Request-ID` ou généré) et, pour un 422, `errors` : pour chaque champ refusé (nom en snake_case), ses messages.");
        md.Line();
        md.Line("| Code | `title` |");
        md.Line("|---|---|");
        foreach (var status in new[] { 400, 401, 403, 404, 405, 409, 413, 415, 422, 429, 500, 503 })
        {
            md.Line($"| {status} | {Messages.TitleOf(status)} |");
        }

        var limits = new RequestLimitsSettings();
        var quotas = new RateLimitingSettings();
        md.Line();
        md.Line("### Erreurs possibles sur toutes les routes");
        md.Line();
        md.Line("Les tableaux des routes donnent leurs erreurs propres ; celles-ci peuvent venir de n'importe quelle route.");
        md.Line();
        md.Line("| Code | Quand | Message (`detail`) |");
        md.Line("|---|---|---|");
        md.Line($"| 404 | Route inconnue. | {Quote(Messages.NotFound)} |");
        md.Line($"| 405 | Méthode que la route ne connaît pas. | {Quote(Messages.MethodNotAllowed)} |");
        md.Line($"| 413 | Corps de plus de {Megabytes(limits.MaxBodyBytes)} (réglage `RequestLimits:MaxBodyBytes` ; l'envoi d'image a sa propre limite). | {Quote(Messages.BodyTooLarge)} |");
        md.Line($"| 415 | Corps d'un autre type que celui qu'attend la route (JSON, ou formulaire multipart pour l'image). | {Quote(Messages.UnsupportedMediaType)} |");
        md.Line($"| 422 | Corps qui n'est pas du JSON, ou valeur d'un mauvais type ; `errors` nomme le champ quand il est connu : {Quote(Messages.InvalidJsonField)} | {Quote(Messages.InvalidJson)} |");
        md.Line($"| 422 | Corps absent sur une route qui en attend un. | {Quote(Messages.MissingBody)} |");
        md.Line($"| 422 | Paramètre de chemin ou de requête d'un mauvais type (par exemple `/customers/abc`) ; `errors` : {Quote(Messages.InvalidParameterValue("<nom>", "<valeur>"))} | {Quote(Messages.InvalidParameter)} |");
        md.Line($"| 422 | Valeur que la base de données refuse d'enregistrer. | {Quote(Messages.InvalidValue)} |");
        md.Line($"| 429 | Quota dépassé : {quotas.PerApiKey.PermitLimit} requêtes par {Seconds(quotas.PerApiKey.Window)} par clé API, {quotas.PerAddress.PermitLimit} par {Seconds(quotas.PerAddress.Window)} par adresse sans clé valide (réglage `RateLimiting`, par instance) ; `Retry-After` donne le délai en secondes. | {Quote(Messages.TooManyRequests)} |");
        md.Line($"| 500 | Erreur inattendue du serveur. | {Quote(Messages.InternalError)} |");
        md.Line();
        md.Line("### Messages de validation");
        md.Line();
        md.Line($"Un corps ou des paramètres refusés par les règles de validation donnent un 422 dont `detail` vaut {Quote(Messages.ValidationFailed)}");
        md.Line("et dont `errors` donne les messages de chaque champ. Les règles sont dans la description de chaque champ ; les messages qui ne sont");
        md.Line("pas propres à PayeTonKawa (donnés avec chaque route) sont ceux de FluentValidation en français, où `{PropertyName}` est le nom du");
        md.Line("champ en snake_case et les autres `{…}` les bornes de la règle ou la valeur reçue :");
        md.Line();
        md.Line("| Règle | Message |");
        md.Line("|---|---|");
        foreach (var (rule, key) in ValidationRules)
        {
            md.Line($"| {rule} | {Quote(ValidatorOptions.Global.LanguageManager.GetString(key, French))} |");
        }

        md.Line();
        md.Line("### Listes, identifiants, formats");
        md.Line();
        md.Line($"- Les listes prennent `skip` (0 par défaut) et `limit` ({Page.DefaultLimit} par défaut, ramené à {Page.MaxLimit} au plus), sont triées par `id`,");
        md.Line($"  renvoient un tableau JSON nu et donnent le nombre total de résultats (avant pagination) dans l'en-tête `{Page.TotalCountHeader}`.");
        md.Line("- Une collection s'écrit avec ou sans barre finale : `/customers/` et `/customers` répondent de la même façon (les documents OpenAPI");
        md.Line("  l'écrivent sans barre, les anciens clients avec).");
        md.Line("- Une création répond 201 avec la ressource et l'en-tête `Location` ; une suppression répond 204, sans corps.");
        md.Line("- JSON en snake_case ; les nombres sont aussi acceptés entre guillemets (`\"12.5\"`) ; les dates sont en ISO 8601 avec décalage horaire.");
        md.Line();
    }

    private static void Api(Markdown md, ReferencedApi api)
    {
        var document = api.Document;
        md.Line($"## {Titles[api.Name]}");
        md.Line();
        md.Line($"{Text(document["info"]?["title"])}, version {Text(document["info"]?["version"])} : http://localhost:{api.Port} ; document `{ReferencedApi.DocumentPath(api.Name)}`.");
        md.Line();

        var operations = Operations(document).ToList();
        foreach (var tag in operations.Select(operation => operation.Tag).Distinct())
        {
            md.Line($"### {tag}");
            md.Line();
            foreach (var operation in operations.Where(operation => operation.Tag == tag))
            {
                Operation(md, api, operation);
            }
        }

        ReturnedObjects(md, api, operations);
    }

    private static void Operation(Markdown md, ReferencedApi api, ApiOperation operation)
    {
        var document = api.Document;
        var spec = operation.Spec;
        md.Line($"#### `{operation.Method} {operation.Path}` — {Text(spec["summary"])}");
        md.Line();
        if (spec["description"] is { } description)
        {
            md.Line(Text(description));
            md.Line();
        }

        md.Line(Scope(document, spec) is { } scope
            ? $"Accès : clé API avec la portée `{scope}`."
            : "Accès : public, sans clé.");
        md.Line();

        if (spec["parameters"] is JsonArray { Count: > 0 } parameters)
        {
            md.Line("Paramètres :");
            md.Line();
            md.Line("| Nom | Où | Type | Obligatoire | Description |");
            md.Line("|---|---|---|---|---|");
            foreach (var parameter in parameters.OfType<JsonObject>())
            {
                var location = Text(parameter["in"]);
                var required = location == "path" || parameter["required"]?.GetValue<bool>() == true;
                md.Line($"| `{Text(parameter["name"])}` | {(location switch { "path" => "chemin", "header" => "en-tête", _ => "requête" })} | {TypeOf(document, parameter["schema"], withNull: false)} | {(required ? "oui" : "non")} | {Cell(Text(parameter["description"]))} |");
            }

            md.Line();
        }

        if (spec["requestBody"]?["content"] is JsonObject bodies)
        {
            foreach (var (contentType, content) in bodies)
            {
                var schemaName = RefName(content?["schema"]);
                md.Line($"Corps (`{contentType}`{(schemaName is null ? "" : $", schéma `{schemaName}`")}) :");
                md.Line();
                Fields(md, document, content?["schema"], forRequest: true);
            }
        }

        md.Line("Réponses :");
        md.Line();
        md.Line("| Code | Quand | Message (`detail`) |");
        md.Line("|---|---|---|");
        foreach (var (status, response) in Responses(spec))
        {
            foreach (var (when, message) in ResponseRows(document, status, response!))
            {
                md.Line($"| {status} | {Cell(when)} | {Cell(message)} |");
            }
        }

        md.Line();
        if (operation.Method == "PUT" && operation.Path == "/orders/{id}")
        {
            StatusLifecycle(md);
        }

        md.Line("Exemple :");
        md.Line();
        md.Line("```bash");
        md.Line(Curl(api, operation));
        md.Line("```");
        md.Line();
    }

    // Every change of status a caller may ask, and what it answers: computed by the rule the endpoint applies.
    private static void StatusLifecycle(Markdown md)
    {
        var pairs = Statuts.All.SelectMany(from => Statuts.All.Where(to => to != from).Select(to => (From: from, To: to))).ToList();
        md.Line("Changements de statut acceptés (redemander le statut actuel répond 200 sans rien changer) :");
        md.Line(string.Join(", ", pairs.Where(pair => Statuts.RefusalForCaller(pair.From, pair.To) is null).Select(pair => $"`{pair.From}` → `{pair.To}`")) + ".");
        md.Line();
        md.Line("Tous les autres sont refusés (409) avec l'un de ces messages :");
        md.Line();
        md.Line("| Message (`detail`) | Changements refusés |");
        md.Line("|---|---|");
        foreach (var refusal in pairs.Where(pair => Statuts.RefusalForCaller(pair.From, pair.To) is not null).GroupBy(pair => Statuts.RefusalForCaller(pair.From, pair.To)!))
        {
            md.Line($"| {Cell(Quote(refusal.Key))} | {string.Join(", ", refusal.Select(pair => $"`{pair.From}` → `{pair.To}`"))} |");
        }

        md.Line();
    }

    private static void ReturnedObjects(Markdown md, ReferencedApi api, List<ApiOperation> operations)
    {
        var names = operations
            .SelectMany(operation => Responses(operation.Spec))
            .Where(response => response.Status.StartsWith('2') || response.Status.StartsWith('5'))
            .SelectMany(response => (response.Response?["content"] as JsonObject ?? []).Select(content => content.Value?["schema"]))
            .Select(schema => RefName(schema) ?? RefName(schema?["items"]))
            .OfType<string>()
            .Where(name => Schema(api.Document, name)?["properties"] is not null)
            .Distinct()
            .ToList();
        md.Line("### Objets renvoyés");
        md.Line();
        foreach (var name in names)
        {
            md.Line($"#### `{name}`");
            md.Line();
            Fields(md, api.Document, new JsonObject { ["$ref"] = $"#/components/schemas/{name}" }, forRequest: false);
        }
    }

    private static void RoutesOutsideTheDocuments(Markdown md, IReadOnlyList<ReferencedApi> apis)
    {
        var example = apis[0];
        md.Line("## Routes absentes des documents OpenAPI");
        md.Line();
        md.Line("Chaque API sert aussi ces routes, qui ne sont pas décrites par son document OpenAPI : elles sont servies par un simple délégué");
        md.Line("(contrôles de santé, exportateur Prometheus) ou sont la documentation elle-même.");
        md.Line();
        md.Line("#### `GET /alive` — Sonde de vivacité");
        md.Line();
        md.Line("Accès : public, sans clé. Répond 200 (`Healthy`, en texte) tant que le processus répond, sans vérifier la base ni RabbitMQ :");
        md.Line("une panne de la base ne fait pas redémarrer l'API (c'est `/health` qui la signale).");
        md.Line();
        md.Line("```bash");
        md.Line($"curl -s http://localhost:{example.Port}/alive");
        md.Line("```");
        md.Line();
        md.Line($"#### `GET {OpenTelemetryExtensions.MetricsPath}` — Métriques Prometheus");
        md.Line();
        md.Line($"Accès : clé API avec la portée `{Scopes.MetricsRead}` (Prometheus la présente en `Authorization: Bearer`). Répond 200 avec les métriques");
        md.Line("au format texte de Prometheus (requêtes HTTP, durées, exceptions, messages par file, exécution .NET). Sans clé ou sans la portée :");
        md.Line("les 401 et 403 des [règles communes](#clé-api-et-portées). Elle n'est pas dans le document OpenAPI parce que l'exportateur");
        md.Line("OpenTelemetry la déclare comme un simple délégué, que l'explorateur d'API ne voit pas. Sur Kubernetes, la passerelle (Gateway API) ne l'expose");
        md.Line("pas : Prometheus la collecte sur chaque instance.");
        md.Line();
        md.Line("```bash");
        md.Line($"curl -s http://localhost:{example.Port}{OpenTelemetryExtensions.MetricsPath} -H \"Authorization: Bearer {DevelopmentMetricsKey}\"");
        md.Line("```");
        md.Line();
        md.Line("#### `GET /openapi/v1.json` — Document OpenAPI");
        md.Line();
        md.Line("Accès : public, sans clé. Le document OpenAPI 3.1 de l'API, tel qu'elle est en train de tourner ; la version committée dans");
        md.Line("`docs/openapi/` est la même, sans `servers` (l'adresse de la requête).");
        md.Line();
        md.Line("```bash");
        md.Line($"curl -s http://localhost:{example.Port}/openapi/v1.json");
        md.Line("```");
        md.Line();
        md.Line("#### `GET /scalar` — Référence interactive (Scalar)");
        md.Line();
        md.Line("Accès : public, sans clé. Page HTML de Scalar qui présente le document OpenAPI de l'API et permet d'essayer ses routes");
        md.Line("(saisir la clé API dans la page). À ouvrir dans un navigateur, par exemple " + string.Join(", ", apis.Select(api => $"http://localhost:{api.Port}/scalar")) + ".");
    }

    private sealed record ApiOperation(string Tag, string Method, string Path, JsonObject Spec);

    private static IEnumerable<ApiOperation> Operations(JsonObject document)
    {
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, spec) in item!.AsObject())
            {
                var tag = Text(spec?["tags"]?[0]);
                yield return new ApiOperation(tag, method.ToUpperInvariant(), path, spec!.AsObject());
            }
        }
    }

    private static IEnumerable<(string Status, JsonObject? Response)> Responses(JsonObject spec) =>
        (spec["responses"] as JsonObject ?? [])
            .Select(response => (Status: response.Key, Response: response.Value as JsonObject))
            .OrderBy(response => response.Status, StringComparer.Ordinal);

    // The scope a secured route requires, as its security requirement lists it; null for a public route.
    private static string? Scope(JsonObject document, JsonObject spec)
    {
        var security = spec["security"] as JsonArray ?? document["security"] as JsonArray;
        return security is [JsonObject requirement, ..] && requirement.FirstOrDefault().Value is JsonArray scopes
            ? scopes.Count > 0 ? Text(scopes[0]) : "(aucune)"
            : null;
    }

    private static IEnumerable<(string When, string Message)> ResponseRows(JsonObject document, string status, JsonObject response)
    {
        var code = int.Parse(status, CultureInfo.InvariantCulture);
        var description = Text(response["description"]);
        var content = response["content"] as JsonObject ?? [];
        if (code < 400 || !content.ContainsKey("application/problem+json"))
        {
            yield return (Outcome(document, code, content), "—");
            yield break;
        }

        var problem = content["application/problem+json"]!;
        if (description != Messages.TitleOf(code))
        {
            yield return (description, "—");
        }

        foreach (var (_, example) in problem["examples"] as JsonObject ?? [])
        {
            var value = example?["value"];
            var message = Quote(Text(value?["detail"]));
            foreach (var (field, messages) in value?["errors"] as JsonObject ?? [])
            {
                message += $" ; `errors.{field}` : {string.Join(" ", (messages as JsonArray ?? []).Select(text => Quote(Text(text))))}";
            }

            yield return (Text(example?["summary"]), message);
        }
    }

    // A success (or /health's 503): what comes back.
    private static string Outcome(JsonObject document, int code, JsonObject content)
    {
        var label = code switch
        {
            200 => "Succès",
            201 => "Créé",
            204 => "Fait, sans corps",
            304 => "Non modifié depuis la version que le client a (`If-None-Match` ou `If-Modified-Since`), sans corps",
            _ => Messages.TitleOf(code) ?? code.ToString(CultureInfo.InvariantCulture),
        };
        if (content.Count == 0)
        {
            return label + ".";
        }

        var types = content.Select(entry => entry.Key).ToList();
        if (types.TrueForAll(type => type.StartsWith("image/", StringComparison.Ordinal)))
        {
            return $"{label} : l'image ({string.Join(", ", types.Select(type => $"`{type}`"))}).";
        }

        return $"{label} : {TypeOf(document, content.First().Value?["schema"], withNull: false)}.";
    }

    private static void Fields(Markdown md, JsonObject document, JsonNode? schemaNode, bool forRequest)
    {
        var schema = Resolve(document, schemaNode);
        var required = (schema?["required"] as JsonArray ?? []).Select(Text).ToHashSet(StringComparer.Ordinal);
        var properties = schema?["properties"] as JsonObject ?? [];
        md.Line(forRequest ? "| Champ | Type | Obligatoire | Description |" : "| Champ | Type | Description |");
        md.Line(forRequest ? "|---|---|---|---|" : "|---|---|---|");
        var nested = new List<(string Field, JsonNode Schema)>();
        foreach (var (name, property) in properties)
        {
            var type = TypeOf(document, property, withNull: !forRequest);
            var text = Cell(Text(property?["description"]));
            md.Line(forRequest
                ? $"| `{name}` | {type} | {(required.Contains(name) ? "oui" : "non")} | {text} |"
                : $"| `{name}` | {type} | {text} |");
            if (Resolve(document, property?["items"]) is { } items && items["properties"] is not null && forRequest)
            {
                nested.Add(($"{name}[]", property!["items"]!));
            }
        }

        md.Line();
        foreach (var (field, items) in nested)
        {
            md.Line($"Chaque élément de `{field}` (`{RefName(items)}`) :");
            md.Line();
            Fields(md, document, items, forRequest);
        }
    }

    private static string TypeOf(JsonObject document, JsonNode? schemaNode, bool withNull)
    {
        if (RefName(schemaNode) is { } name)
        {
            var target = Schema(document, name);
            return target?["properties"] is not null ? $"`{name}`" : TypeOf(document, target, withNull);
        }

        var types = schemaNode?["type"] switch
        {
            JsonArray array => array.Select(Text).ToList(),
            JsonValue value => [value.GetValue<string>()],
            _ => [],
        };
        var format = Text(schemaNode?["format"]);
        var type = types.Contains("integer") ? "entier"
            : types.Contains("number") ? "nombre"
            : types.Contains("boolean") ? "booléen"
            : types.Contains("array") ? $"tableau de {TypeOf(document, schemaNode?["items"], withNull: false)}"
            : types.Contains("object") ? "objet"
            : format == "date-time" ? "date-heure"
            : format == "binary" ? "fichier"
            : "texte";
        return withNull && types.Contains("null") ? $"{type} ou null" : type;
    }

    private static string Curl(ReferencedApi api, ApiOperation operation)
    {
        var path = operation.Path;
        foreach (var parameter in (operation.Spec["parameters"] as JsonArray ?? []).OfType<JsonObject>().Where(parameter => Text(parameter["in"]) == "path"))
        {
            var name = Text(parameter["name"]);
            path = path.Replace($"{{{name}}}", ExampleValue(api, name), StringComparison.Ordinal);
        }

        var url = $"http://localhost:{api.Port}{path}";
        var command = new StringBuilder("curl -s");
        if (operation.Method != "GET")
        {
            command.Append(" -X ").Append(operation.Method);
        }

        if (operation.Path.Contains("/uploads/", StringComparison.Ordinal))
        {
            command.Append(" -o ").Append(path[(path.LastIndexOf('/') + 1)..]);
        }

        command.Append(' ').Append(url);
        if (Scope(api.Document, operation.Spec) is not null)
        {
            command.Append(" -H \"X-API-Key: ").Append(DevelopmentKey).Append('"');
        }

        if (operation.Spec["requestBody"]?["content"] is JsonObject bodies)
        {
            if (bodies.ContainsKey("application/json"))
            {
                var example = Resolve(api.Document, bodies["application/json"]?["schema"])?["examples"]?[0]
                    ?? throw new InvalidOperationException($"{operation.Method} {operation.Path}: the request schema has no example.");
                command.Append(" \\\n  -H \"Content-Type: application/json\" -d '")
                    .Append(example.ToJsonString(Compact).Replace("'", "'\\''", StringComparison.Ordinal))
                    .Append('\'');
            }
            else if (bodies.ContainsKey("multipart/form-data"))
            {
                command.Append(" -F \"file=@moka.png\"");
            }
        }

        return command.ToString();
    }

    // Example values of the path parameters: an id, the name image_url gives an uploaded PNG, a queue the API consumes.
    private static string ExampleValue(ReferencedApi api, string parameter) => parameter switch
    {
        "id" or "client_id" => "1",
        "filename" => "produit_1.png",
        "queue" => api.Queues[0],
        _ => throw new InvalidOperationException($"No example value for the path parameter '{parameter}': add one to {nameof(ApiReferenceDocument)}."),
    };

    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static JsonObject? Resolve(JsonObject document, JsonNode? schema) =>
        RefName(schema) is { } name ? Schema(document, name) : schema as JsonObject;

    private static JsonObject? Schema(JsonObject document, string name) => document["components"]?["schemas"]?[name] as JsonObject;

    private static string? RefName(JsonNode? schema) =>
        schema?["$ref"] is JsonValue reference ? reference.GetValue<string>().Split('/')[^1] : null;

    private static string Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : node?.ToJsonString() ?? "";

    private static string Quote(string message) => $"« {message} »";

    private static string Cell(string text) => text.Length == 0 ? "—" : text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");

    private static string Megabytes(long bytes) => string.Format(French, "{0:0.##} Mo", bytes / (1024.0 * 1024.0));

    private static string Seconds(TimeSpan window) =>
        window == TimeSpan.FromSeconds(1) ? "seconde" : string.Format(French, "{0:0.##} secondes", window.TotalSeconds);

    // GitHub's heading anchors: lower case, spaces to dashes, punctuation dropped.
    private static string Anchor(string heading) =>
        string.Concat(heading.ToLower(French).Where(character => char.IsLetterOrDigit(character) || character is ' ' or '-' or '_').Select(character => character == ' ' ? '-' : character));

    private sealed class Markdown
    {
        private readonly StringBuilder _text = new();

        public void Line(string line = "") => _text.Append(line).Append('\n');

        public override string ToString() => _text.ToString().TrimEnd('\n') + "\n";
    }
}
