using PayeTonKawa.ApiReference;

// Usage: dotnet run --project tools/PayeTonKawa.ApiReference [repository root, the current folder by default]
var root = Path.GetFullPath(args.Length > 0 ? args[0] : ".");
if (!File.Exists(Path.Combine(root, "PayeTonKawa.sln")))
{
    Console.Error.WriteLine($"{root} n'est pas la racine du dépôt (PayeTonKawa.sln absent).");
    return 1;
}

var path = Path.Combine(root, ApiReferenceDocument.FilePath);
var rendered = ApiReferenceDocument.Render(ReferencedApis.Load(root));
var committed = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : null;
if (committed == rendered)
{
    Console.WriteLine($"{ApiReferenceDocument.FilePath} est à jour.");
    return 0;
}

File.WriteAllText(path, rendered);
Console.WriteLine($"{ApiReferenceDocument.FilePath} régénéré.");
return 0;
