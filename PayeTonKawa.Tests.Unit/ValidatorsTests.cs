using System.Text.Json;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PayeTonKawa.Clients.Customers;
using PayeTonKawa.Clients.Data;
using PayeTonKawa.Commandes.Data;
using PayeTonKawa.Commandes.Orders;
using PayeTonKawa.Produits.Data;
using PayeTonKawa.Produits.Products;
using PayeTonKawa.ServiceDefaults.Http;

namespace PayeTonKawa.Tests.Unit;

/// <summary>
/// The request validators of the three services, run as the services register them (French messages, snake_case
/// field names), without any server: the fast way to learn that a rule is wrong.
/// </summary>
[Trait("Category", "Unit")]
public sealed class ValidatorsTests
{
    private static readonly IServiceProvider Validators = CreateValidators();

    [Theory]
    [InlineData("""{"nom":"Dupont","prenom":"Jean","email":"jean.dupont@example.com","mot_de_passe":"secret"}""", null)]
    [InlineData("""{"nom":"D","prenom":"Jean","email":"jean.dupont@example.com","mot_de_passe":"secret"}""", "nom")]
    [InlineData("""{"nom":"Dupont","prenom":"Jean","email":"pas-un-email","mot_de_passe":"secret"}""", "email")]
    [InlineData("""{"nom":"Dupont","prenom":"Jean","email":"jean.dupont@example.com","mot_de_passe":"abc"}""", "mot_de_passe")]
    [InlineData("""{"nom":"Dupont","prenom":"Jean","email":"jean.dupont@example.com","mot_de_passe":"secret","telephone":"12"}""", "telephone")]
    public Task A_customer_is_created_only_with_valid_fields(string json, string? invalidField) =>
        AssertAsync<CreateClientRequest>(json, invalidField);

    [Theory]
    [InlineData("""{"nom":"Moka d'Éthiopie","prix":12.5,"stock":10}""", null)]
    [InlineData("""{"nom":"Moka","prix":0,"stock":10}""", "prix")]
    [InlineData("""{"nom":"Moka","prix":12.555,"stock":10}""", "prix")]
    [InlineData("""{"nom":"Moka","prix":12.5,"stock":-1}""", "stock")]
    [InlineData("""{"prix":12.5}""", "nom")]
    public Task A_product_is_created_only_with_valid_fields(string json, string? invalidField) =>
        AssertAsync<CreateProductRequest>(json, invalidField);

    [Theory]
    [InlineData("""{"client_id":1,"lignes":[{"produit_id":1,"quantite":2,"prix_unitaire":12.5}]}""", null)]
    [InlineData("""{"client_id":0,"lignes":[{"produit_id":1,"quantite":2,"prix_unitaire":12.5}]}""", "client_id")]
    [InlineData("""{"client_id":1,"lignes":[]}""", "lignes")]
    [InlineData("""{"client_id":1,"lignes":[{"produit_id":1,"quantite":0,"prix_unitaire":12.5}]}""", "lignes[0].quantite")]
    public Task An_order_is_created_only_with_valid_fields(string json, string? invalidField) =>
        AssertAsync<CreateOrderRequest>(json, invalidField);

    [Fact]
    public async Task Messages_are_in_french()
    {
        var result = await ValidateAsync<CreateClientRequest>("""{"nom":"Dupont","prenom":"Jean","email":"pas-un-email","mot_de_passe":"secret"}""");

        var message = Assert.Single(result.Errors).ErrorMessage;
        Assert.Contains("adresse", message, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task AssertAsync<TRequest>(string json, string? invalidField)
    {
        var result = await ValidateAsync<TRequest>(json);

        if (invalidField is null)
        {
            Assert.True(result.IsValid, string.Join("; ", result.Errors));
        }
        else
        {
            Assert.Contains(result.Errors, error => error.PropertyName == invalidField);
            Assert.All(result.Errors, error => Assert.False(string.IsNullOrWhiteSpace(error.ErrorMessage)));
        }
    }

    private static Task<FluentValidation.Results.ValidationResult> ValidateAsync<TRequest>(string json)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        JsonConventions.Apply(options);
        var request = JsonSerializer.Deserialize<TRequest>(json, options)!;
        return Validators.GetRequiredService<IValidator<TRequest>>().ValidateAsync(request);
    }

    private static IServiceProvider CreateValidators()
    {
        // The services' own conventions: French messages and snake_case names are set globally by AddHttpConventions.
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.AddHttpConventions();
        builder.Services.AddValidatorsFromAssemblyContaining<ClientsDbContext>(includeInternalTypes: true);
        builder.Services.AddValidatorsFromAssemblyContaining<ProduitsDbContext>(includeInternalTypes: true);
        builder.Services.AddValidatorsFromAssemblyContaining<CommandesDbContext>(includeInternalTypes: true);
        return builder.Services.BuildServiceProvider();
    }
}
