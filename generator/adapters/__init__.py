"""The adapters: the MkDocs plugin and its live preview, the command line, scaffolding, the guide and the schemas."""
