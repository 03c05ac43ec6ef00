using FluentValidation;

namespace PayeTonKawa.Clients.Customers;

internal static class CustomerRules
{
    public const string PhonePattern = "^0[1-9][0-9]{8}$";

    // Stricter than FluentValidation's default (which only wants an '@'): a domain with a dot, no spaces.
    private const string EmailPattern = @"^[^@\s]+@[^@\s]+\.[^@\s]+$";

    public static IRuleBuilderOptions<T, string?> ValidName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().Length(2, 100);

    public static IRuleBuilderOptions<T, string?> ValidEmail<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().MaximumLength(254).Matches(EmailPattern).WithMessage(CustomerMessages.InvalidEmail);

    public static IRuleBuilderOptions<T, string?> ValidPhone<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Matches(PhonePattern).WithMessage(CustomerMessages.InvalidPhone);

    public static IRuleBuilderOptions<T, string?> ValidAddress<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(200);

    public static IRuleBuilderOptions<T, string?> ValidPassword<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().Length(4, 100);
}

internal sealed class CreateClientValidator : AbstractValidator<CreateClientRequest>
{
    public CreateClientValidator()
    {
        RuleFor(request => request.Nom).ValidName();
        RuleFor(request => request.Prenom).ValidName();
        RuleFor(request => request.Email).ValidEmail();
        RuleFor(request => request.Telephone).ValidPhone().When(request => !string.IsNullOrWhiteSpace(request.Telephone));
        RuleFor(request => request.Adresse).ValidAddress();
        RuleFor(request => request.MotDePasse).ValidPassword();
    }
}

internal sealed class UpdateClientValidator : AbstractValidator<UpdateClientRequest>
{
    public UpdateClientValidator()
    {
        RuleFor(request => request.Nom).ValidName().When(request => request.Nom is not null);
        RuleFor(request => request.Prenom).ValidName().When(request => request.Prenom is not null);
        RuleFor(request => request.Email).ValidEmail().When(request => request.Email is not null);
        RuleFor(request => request.Telephone).ValidPhone().When(request => !string.IsNullOrWhiteSpace(request.Telephone));
        RuleFor(request => request.Adresse).ValidAddress();
        RuleFor(request => request.MotDePasse).ValidPassword().When(request => request.MotDePasse is not null);
    }
}

internal sealed class LoginValidator : AbstractValidator<LoginRequest>
{
    public LoginValidator()
    {
        RuleFor(request => request.Email).NotEmpty();
        RuleFor(request => request.MotDePasse).NotEmpty();
    }
}
