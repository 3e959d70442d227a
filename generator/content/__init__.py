"""The content layer: safe YAML, field types, dates, prose, the models, the kind registry, loading and checking."""
