"""Charts of the aggregates: SVG drawings (`svg`), figures with their tables and CSV rows
(`figures`), the figures of an analysis page (`pages`) and PNG images of them (`png`).
Shared by the secretariat's analysis pages and the public dashboard."""
