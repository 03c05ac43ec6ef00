using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PayeTonKawa.ServiceDefaults.OpenApi;

namespace PayeTonKawa.ServiceDefaults.Http;

/// <summary>Validates the <typeparamref name="TRequest"/> argument of an endpoint; failures answer 422 keyed by snake_case field.</summary>
public sealed class ValidationFilter<TRequest>(IValidator<TRequest> validator) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.Arguments.OfType<TRequest>().FirstOrDefault();
        if (request is null)
        {
            return await next(context);
        }

        var result = await validator.ValidateAsync(request, context.HttpContext.RequestAborted);
        if (result.IsValid)
        {
            return await next(context);
        }

        var errors = result.Errors
            .GroupBy(error => JsonConventions.ToFieldName(error.PropertyName))
            .ToDictionary(group => group.Key, group => group.Select(error => error.ErrorMessage).Distinct().ToArray());

        return TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Detail = Messages.ValidationFailed,
        });
    }
}

public static class ValidationFilterExtensions
{
    /// <summary>Validates the request body with its FluentValidation validator before the handler runs.</summary>
    public static RouteHandlerBuilder Validate<TRequest>(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter<ValidationFilter<TRequest>>()
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .WithMetadata(new ProblemCase(StatusCodes.Status422UnprocessableEntity, ValidationFailure));

    /// <summary>When a validated endpoint answers 422, as its OpenAPI document says.</summary>
    public const string ValidationFailure =
        "Données refusées par la validation : detail vaut « " + Messages.ValidationFailed
        + " » et errors donne, pour chaque champ refusé (son nom en snake_case), ses messages en français.";
}
