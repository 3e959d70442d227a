"""The site layer: HTML-safe text, charts, structured data, Markdown pages from templates, and writing them out."""
