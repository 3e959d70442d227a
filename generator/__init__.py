"""Story Explainer: turn a developing story kept as YAML into explainer pages."""

__version__ = "0.1.0"
