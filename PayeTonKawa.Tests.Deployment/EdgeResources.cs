using k8s.Models;
using YamlDotNet.Serialization;

namespace PayeTonKawa.Tests.Deployment;

/// <summary>cert-manager's <c>Certificate</c>.</summary>
public sealed class Certificate : CustomResource<CertificateSpec>;

public sealed record CertificateSpec
{
    public string SecretName { get; set; } = "";

    public List<string> DnsNames { get; set; } = [];

    public ObjectReference? IssuerRef { get; set; }
}

/// <summary>A reference by group, kind, name (and, for a listener of a Gateway, section).</summary>
public sealed record ObjectReference
{
    public string? Group { get; set; }

    public string? Kind { get; set; }

    public string Name { get; set; } = "";

    public string? SectionName { get; set; }

    public int? Port { get; set; }
}

/// <summary>The Gateway API's <c>Gateway</c>.</summary>
public sealed class Gateway : CustomResource<GatewaySpec>;

public sealed record GatewaySpec
{
    public string GatewayClassName { get; set; } = "";

    public GatewayInfrastructure? Infrastructure { get; set; }

    public List<GatewayListener> Listeners { get; set; } = [];
}

public sealed record GatewayInfrastructure
{
    public ObjectReference? ParametersRef { get; set; }
}

public sealed record GatewayListener
{
    public string Name { get; set; } = "";

    public string Protocol { get; set; } = "";

    public int Port { get; set; }

    public string? Hostname { get; set; }

    public GatewayTls? Tls { get; set; }
}

public sealed record GatewayTls
{
    public string? Mode { get; set; }

    public List<ObjectReference> CertificateRefs { get; set; } = [];
}

/// <summary>The Gateway API's <c>HTTPRoute</c>.</summary>
public sealed class HttpRoute : CustomResource<HttpRouteSpec>;

public sealed record HttpRouteSpec
{
    public List<ObjectReference> ParentRefs { get; set; } = [];

    public List<string> Hostnames { get; set; } = [];

    public List<HttpRouteRule> Rules { get; set; } = [];
}

public sealed record HttpRouteRule
{
    public List<HttpRouteMatch> Matches { get; set; } = [];

    public List<HttpRouteFilterReference> Filters { get; set; } = [];

    public List<ObjectReference> BackendRefs { get; set; } = [];

    public HttpRouteTimeouts? Timeouts { get; set; }
}

public sealed record HttpRouteMatch
{
    public HttpPathMatch? Path { get; set; }
}

public sealed record HttpPathMatch
{
    public string Type { get; set; } = "PathPrefix";

    public string Value { get; set; } = "/";
}

public sealed record HttpRouteFilterReference
{
    public string Type { get; set; } = "";

    public HttpUrlRewrite? UrlRewrite { get; set; }

    public HttpRequestRedirect? RequestRedirect { get; set; }

    public ObjectReference? ExtensionRef { get; set; }
}

public sealed record HttpUrlRewrite
{
    public HttpPathModifier? Path { get; set; }
}

public sealed record HttpPathModifier
{
    public string Type { get; set; } = "";

    public string? ReplacePrefixMatch { get; set; }

    public string? ReplaceFullPath { get; set; }
}

public sealed record HttpRequestRedirect
{
    public string? Scheme { get; set; }

    public int? StatusCode { get; set; }
}

public sealed record HttpRouteTimeouts
{
    public string? Request { get; set; }

    public string? BackendRequest { get; set; }
}

/// <summary>Envoy Gateway's <c>HTTPRouteFilter</c>.</summary>
public sealed class HttpRouteFilter : CustomResource<HttpRouteFilterSpec>;

public sealed record HttpRouteFilterSpec
{
    public DirectResponse? DirectResponse { get; set; }
}

public sealed record DirectResponse
{
    public int? StatusCode { get; set; }
}

/// <summary>Envoy Gateway's <c>ClientTrafficPolicy</c>.</summary>
public sealed class ClientTrafficPolicy : CustomResource<ClientTrafficPolicySpec>;

public sealed record ClientTrafficPolicySpec
{
    public List<ObjectReference> TargetRefs { get; set; } = [];

    [YamlMember(Alias = "clientIPDetection")]
    public ClientIpDetection? ClientIpDetection { get; set; }

    public ClientTimeout? Timeout { get; set; }
}

public sealed record ClientIpDetection
{
    public XForwardedForSettings? XForwardedFor { get; set; }
}

public sealed record XForwardedForSettings
{
    public int? NumTrustedHops { get; set; }

    [YamlMember(Alias = "trustedCIDRs")]
    public List<string>? TrustedCidrs { get; set; }
}

public sealed record ClientTimeout
{
    public ClientHttpTimeout? Http { get; set; }
}

public sealed record ClientHttpTimeout
{
    public string? RequestReceivedTimeout { get; set; }
}

/// <summary>Envoy Gateway's <c>BackendTrafficPolicy</c>.</summary>
public sealed class BackendTrafficPolicy : CustomResource<BackendTrafficPolicySpec>;

public sealed record BackendTrafficPolicySpec
{
    public List<ObjectReference> TargetRefs { get; set; } = [];

    public RequestBuffer? RequestBuffer { get; set; }
}

public sealed record RequestBuffer
{
    public string? Limit { get; set; }
}

/// <summary>Envoy Gateway's <c>EnvoyProxy</c>: the Envoy pods and Service of a Gateway.</summary>
public sealed class EnvoyProxy : CustomResource<EnvoyProxySpec>;

public sealed record EnvoyProxySpec
{
    public EnvoyProvider? Provider { get; set; }
}

public sealed record EnvoyProvider
{
    public string? Type { get; set; }

    public EnvoyKubernetesProvider? Kubernetes { get; set; }
}

public sealed record EnvoyKubernetesProvider
{
    public EnvoyDeployment? EnvoyDeployment { get; set; }

    public EnvoyService? EnvoyService { get; set; }
}

public sealed record EnvoyDeployment
{
    public int? Replicas { get; set; }

    public EnvoyContainer? Container { get; set; }
}

public sealed record EnvoyContainer
{
    public V1ResourceRequirements? Resources { get; set; }
}

public sealed record EnvoyService
{
    public string? Type { get; set; }

    public string? ExternalTrafficPolicy { get; set; }
}
