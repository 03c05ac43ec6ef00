using FluentValidation;

namespace PayeTonKawa.Commandes.Orders;

internal sealed class CreateOrderValidator : AbstractValidator<CreateOrderRequest>
{
    // Bounds that keep every total inside numeric(15,2): at most 100 × 10 000 × 1 000 000 = 10^12.
    public const int MaxLines = 100;
    public const int MaxQuantity = 10_000;
    public const decimal MaxUnitPrice = 1_000_000m;

    public CreateOrderValidator()
    {
        RuleFor(request => request.ClientId).NotNull().GreaterThan(0);
        RuleFor(request => request.Lignes).NotEmpty().WithMessage(OrderMessages.AtLeastOneLine);
        RuleFor(request => request.Lignes!.Count).LessThanOrEqualTo(MaxLines)
            .OverridePropertyName("lignes").WithMessage(OrderMessages.TooManyLines)
            .When(request => request.Lignes is not null);
        RuleForEach(request => request.Lignes).NotNull().SetValidator(new CreateOrderLineValidator());
    }
}

internal sealed class CreateOrderLineValidator : AbstractValidator<CreateOrderLineRequest>
{
    public CreateOrderLineValidator()
    {
        RuleFor(line => line.ProduitId).NotNull().GreaterThan(0);
        RuleFor(line => line.Quantite).InclusiveBetween(1, CreateOrderValidator.MaxQuantity);
        RuleFor(line => line.PrixUnitaire).NotNull().GreaterThan(0).LessThanOrEqualTo(CreateOrderValidator.MaxUnitPrice)
            .PrecisionScale(12, 2, ignoreTrailingZeros: true);
    }
}

internal sealed class UpdateOrderStatusValidator : AbstractValidator<UpdateOrderStatusRequest>
{
    public UpdateOrderStatusValidator()
    {
        RuleFor(request => request.Statut).NotEmpty().Must(Statuts.IsKnown).WithMessage(OrderMessages.UnknownStatus);
    }
}
