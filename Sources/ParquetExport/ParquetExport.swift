// Placeholder until this module gains its first type.
