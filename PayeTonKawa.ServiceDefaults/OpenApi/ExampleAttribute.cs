using System.Diagnostics.CodeAnalysis;

namespace PayeTonKawa.ServiceDefaults.OpenApi;

/// <summary>A JSON example of a request or response type, shown in the OpenAPI document and by Scalar.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ExampleAttribute([StringSyntax(StringSyntaxAttribute.Json)] string json) : Attribute
{
    public string Json { get; } = json;
}
