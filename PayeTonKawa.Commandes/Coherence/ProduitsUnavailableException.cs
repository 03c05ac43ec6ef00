namespace PayeTonKawa.Commandes.Coherence;

/// <summary>Produits could not give its reservations; <see cref="Exception.Message"/> says why, in French.</summary>
public sealed class ProduitsUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
