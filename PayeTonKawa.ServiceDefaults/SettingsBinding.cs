using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace PayeTonKawa.ServiceDefaults;

public static partial class SettingsBinding
{
    /// <summary>
    /// Binds <paramref name="sectionName"/> like <c>BindConfiguration</c> (without reloading), but a value of the wrong
    /// type (a word where a number is expected...) fails the start-up with a French message that names the key.
    /// </summary>
    public static OptionsBuilder<TOptions> BindSection<TOptions>(this OptionsBuilder<TOptions> builder, string sectionName)
        where TOptions : class =>
        builder.Configure<IConfiguration>((options, configuration) =>
        {
            try
            {
                configuration.GetSection(sectionName).Bind(options);
            }
            catch (InvalidOperationException exception)
            {
                var key = FailedKey().Match(exception.Message) is { Success: true } match ? match.Groups["key"].Value : sectionName;
                throw new InvalidOperationException(
                    $"La valeur de configuration « {key} » n'est pas valide : elle n'a pas le type attendu (nombre, durée hh:mm:ss...).", exception);
            }
        });

    // The binder's own (English) message: "Failed to convert configuration value at 'Section:Key' to type '...'."
    [GeneratedRegex("at '(?<key>[^']+)'")]
    private static partial Regex FailedKey();
}
