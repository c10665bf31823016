"""The PDF writer: takes a `Document`; gives a PDF laid out by WeasyPrint from the print HTML,
tagged for PDF/UA-1 (`tags`) or archival PDF/A (`archival`); the only stage that imports WeasyPrint.
"""
