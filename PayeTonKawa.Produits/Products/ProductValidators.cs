using FluentValidation;

namespace PayeTonKawa.Produits.Products;

internal static class ProductRules
{
    // Column sizes: prix numeric(10,2), poids_kg numeric(10,3).
    public const decimal MaxPrice = 99_999_999.99m;
    public const decimal MaxWeight = 9_999_999.999m;

    public static IRuleBuilderOptions<T, string?> ValidName<T>(this IRuleBuilder<T, string?> rule) => rule.NotEmpty().Length(2, 200);

    public static IRuleBuilderOptions<T, decimal?> ValidPrice<T>(this IRuleBuilder<T, decimal?> rule) =>
        rule.GreaterThan(0).LessThanOrEqualTo(MaxPrice).PrecisionScale(10, 2, ignoreTrailingZeros: true);

    public static IRuleBuilderOptions<T, decimal?> ValidWeight<T>(this IRuleBuilder<T, decimal?> rule) =>
        rule.GreaterThan(0).LessThanOrEqualTo(MaxWeight).PrecisionScale(10, 3, ignoreTrailingZeros: true);
}

internal sealed class CreateProductValidator : AbstractValidator<CreateProductRequest>
{
    public CreateProductValidator()
    {
        RuleFor(request => request.Nom).ValidName();
        RuleFor(request => request.Prix).NotNull().ValidPrice();
        RuleFor(request => request.PoidsKg).ValidWeight();
        RuleFor(request => request.Description).MaximumLength(500);
        RuleFor(request => request.Stock).GreaterThanOrEqualTo(0);
        RuleFor(request => request.Origine).MaximumLength(100);
        RuleFor(request => request.ImageUrl).MaximumLength(500);
    }
}

internal sealed class UpdateProductValidator : AbstractValidator<UpdateProductRequest>
{
    public UpdateProductValidator()
    {
        RuleFor(request => request.Nom).ValidName().When(request => request.Nom is not null);
        RuleFor(request => request.Prix).ValidPrice();
        RuleFor(request => request.PoidsKg).ValidWeight();
        RuleFor(request => request.Description).MaximumLength(500);
        RuleFor(request => request.Stock).GreaterThanOrEqualTo(0);
        RuleFor(request => request.Origine).MaximumLength(100);
        RuleFor(request => request.ImageUrl).MaximumLength(500);
    }
}
