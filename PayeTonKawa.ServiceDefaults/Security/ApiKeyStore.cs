using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace PayeTonKawa.ServiceDefaults.Security;

/// <summary>Finds which configured key a presented key is, in time independent of where (or whether) it matches.</summary>
public sealed class ApiKeyStore : IDisposable
{
    public const string LegacyKeyName = "legacy";

    private readonly IDisposable? _subscription;
    private volatile IReadOnlyList<StoredKey> _keys;

    public ApiKeyStore(IOptionsMonitor<ApiKeyOptions> options)
    {
        _keys = Load(options.CurrentValue);
        _subscription = options.OnChange(changed => _keys = Load(changed));
    }

    public ApiKeyIdentity? Find(string presentedKey)
    {
        // Hashing gives every comparison the same length; every key is compared, so timing reveals nothing.
        var presented = Hash(presentedKey);
        ApiKeyIdentity? match = null;
        foreach (var key in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(presented, key.Hash))
            {
                match = key.Identity;
            }
        }

        return match;
    }

    public void Dispose() => _subscription?.Dispose();

    private static List<StoredKey> Load(ApiKeyOptions options)
    {
        var keys = options.Keys
            .Where(entry => !string.IsNullOrWhiteSpace(entry.Value.Key))
            .Select(entry => new StoredKey(Hash(entry.Value.Key), new ApiKeyIdentity(entry.Key, entry.Value.Scopes.ToHashSet(StringComparer.Ordinal))))
            .ToList();

        if (!string.IsNullOrWhiteSpace(options.LegacyKey))
        {
            keys.Add(new StoredKey(Hash(options.LegacyKey), new ApiKeyIdentity(LegacyKeyName, new HashSet<string>(StringComparer.Ordinal) { Scopes.All })));
        }

        return keys;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private sealed record StoredKey(byte[] Hash, ApiKeyIdentity Identity);
}

/// <summary>The caller behind a valid key: the key's name (safe to log) and its scopes.</summary>
public sealed record ApiKeyIdentity(string Name, IReadOnlySet<string> Scopes);
