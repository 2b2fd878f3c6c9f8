"""PDFs of reports, submission receipts and blank questionnaires, in every UN script.

Built with reportlab from the format definition and the answers; fonts come from Debian
packages (see `fonts`), Arabic is shaped and reordered here (see `text`).
"""
