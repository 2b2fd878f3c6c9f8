"""A report's offline workbook: download it, fill it in Excel, upload it back."""
