"""The facts layer: what is worked out from checked content (rankings, counts, outcomes) and where each record lives."""
